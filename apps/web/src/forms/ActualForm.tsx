import type { QuarterLock, YearEntries } from '@targetline/contract';
import { formatQuarter, type Locale, type Quarter } from '@targetline/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActualEditor } from './ActualEditor';
import { HistoryButton } from './HistoryDialog';
import { UnitSelect } from './UnitSelect';
import type { UnitOption } from './unit-options';

type Props = {
  year: number;
  units: UnitOption[];
  /** The quarter to offer first: the latest one with actuals, if any. */
  defaultQuarter: Quarter;
  /** The units' own entered figures, to pre-fill; undefined while loading. */
  entries: YearEntries | undefined;
  /** The year's locked quarters; undefined while loading. */
  locks: QuarterLock[] | undefined;
  locale: Locale;
};

const QUARTERS = [1, 2, 3, 4] as const;

function isQuarter(value: number): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** "Enter actual": a unit's own revenue for one quarter of the year. */
export function ActualForm({ year, units, defaultQuarter, entries, locks, locale }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [unitId, setUnitId] = useState<number | undefined>(units[0]?.id);
  const [quarter, setQuarter] = useState<Quarter>(defaultQuarter);
  const unit = units.find((option) => option.id === unitId) ?? units[0];

  return (
    <section className="form-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('forms.actual.title')}</h3>
      <div className="field-row">
        <UnitSelect id={`${id}-unit`} units={units} value={unit?.id} onChange={setUnitId} />
        <div className="field">
          <label htmlFor={`${id}-quarter`}>{t('forms.quarter')}</label>
          <select
            id={`${id}-quarter`}
            value={quarter}
            onChange={(event) => {
              const value = Number(event.target.value);
              if (isQuarter(value)) setQuarter(value);
            }}
          >
            {QUARTERS.map((q) => (
              <option key={q} value={q}>
                {formatQuarter(q, year, locale)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {unit &&
        (entries ? (
          // Re-mounting per unit, quarter, year and language re-fills the amount.
          <ActualEditor
            key={`${year}:${unit.id}:${quarter}:${locale}`}
            idPrefix={id}
            year={year}
            quarter={quarter}
            unit={unit}
            entry={entries.actuals.find(
              (actual) => actual.unitId === unit.id && actual.quarter === quarter,
            )}
            lock={locks?.find((lock) => lock.year === year && lock.quarter === quarter)}
            locale={locale}
            extraActions={
              <HistoryButton unit={unit} year={year} quarter={quarter} locale={locale} />
            }
          />
        ) : (
          <p className="form-card__loading">{t('forms.loadingEntries')}</p>
        ))}
    </section>
  );
}
