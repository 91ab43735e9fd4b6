import type { QuarterLock, YearEntries } from '@targetline/contract';
import {
  formatAmountFull,
  formatAmountShort,
  formatPercent,
  formatQuarter,
  type Locale,
  type Quarter,
  type Unit,
  type UnitSummary,
} from '@targetline/core';
import { Fragment, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEntriesQuery, useLocksQuery, useSummaryQuery } from '../../api/hooks';
import { useShell } from '../../app/shell-context';
import { ActualEditor, LockIcon } from '../../forms/ActualEditor';
import { HistoryButton } from '../../forms/HistoryDialog';
import { permissionsOf, useCurrentUser } from '../../session/current-user';
import { achievementStatus } from '../../ui/achievement-status';
import { EmptyState, ErrorState, LoadingState } from '../../ui/StateMessages';

type Props = {
  year: number | undefined;
  units: Unit[];
  locale: Locale;
};

/** "My unit": a unit lead's own units, quarter by quarter, with the actual edited in place. */
export function MyUnit({ year, units, locale }: Props) {
  const { t } = useTranslation();
  if (year === undefined) {
    return <EmptyState title={t('state.noYearsTitle')} body={t('myUnit.intro')} />;
  }
  return <MyUnitYear year={year} units={units} locale={locale} />;
}

function MyUnitYear({ year, units, locale }: { year: number; units: Unit[]; locale: Locale }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const summaryQuery = useSummaryQuery(year);
  const entriesQuery = useEntriesQuery(year);
  const locksQuery = useLocksQuery(year);
  const writable = useMemo(() => permissionsOf(user, units).writableUnitIds, [user, units]);

  if (summaryQuery.isPending || entriesQuery.isPending) return <LoadingState />;
  if (summaryQuery.isError || entriesQuery.isError) {
    return (
      <ErrorState
        error={summaryQuery.error ?? entriesQuery.error}
        onRetry={() => {
          void summaryQuery.refetch();
          void entriesQuery.refetch();
        }}
      />
    );
  }
  const mine = summaryQuery.data.units.filter((unit) => writable.has(unit.unitId));
  if (mine.length === 0) return <EmptyState title={t('myUnit.title')} body={t('myUnit.none')} />;

  return (
    <>
      <p className="panel__note">{t('myUnit.intro')}</p>
      {mine.map((unit) => (
        <UnitQuarters
          key={unit.unitId}
          unit={unit}
          year={year}
          entries={entriesQuery.data}
          locks={locksQuery.data ?? []}
          locale={locale}
        />
      ))}
    </>
  );
}

function UnitQuarters({
  unit,
  year,
  entries,
  locks,
  locale,
}: {
  unit: UnitSummary;
  year: number;
  entries: YearEntries;
  locks: QuarterLock[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [editing, setEditing] = useState<Quarter | null>(null);
  const unitRef = { id: unit.unitId, name: unit.name };

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {unit.name} <span className="unit-code unit-code--inline">{unit.code}</span>
      </h2>
      <p className="my-unit__totals">
        {t('cards.annualPlan', { year })}:{' '}
        <strong>{formatAmountShort(unit.annualPlan, locale)}</strong>
        {' · '}
        {t('cards.ytdActual')}: <strong>{formatAmountShort(unit.ytdActual, locale)}</strong>
        {' · '}
        {t('table.percentOfPlan')}: <strong>{formatPercent(unit.achieved, locale)}</strong>
      </p>
      <div className="table-scroll">
        <table className="summary-table my-unit__table" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">{t('myUnit.quarter')}</th>
              <th scope="col" className="num">
                {t('table.target')}
              </th>
              <th scope="col" className="num">
                {t('table.actual')}
              </th>
              <th scope="col" className="num">
                {t('table.achieved')}
              </th>
            </tr>
          </thead>
          <tbody>
            {unit.quarters.map(({ quarter, target, actual, achieved }) => {
              const quarterLabel = formatQuarter(quarter, year, locale);
              const lock = locks.find((item) => item.quarter === quarter);
              const entry = entries.actuals.find(
                (item) => item.unitId === unit.unitId && item.quarter === quarter,
              );
              const status = achievementStatus(achieved);
              const isEditing = editing === quarter;
              return (
                <Fragment key={quarter}>
                  <tr>
                    <th scope="row">
                      <span className="my-unit__quarter">{quarterLabel}</span>
                      {lock && (
                        <span className="lock-badge lock-badge--row">
                          <LockIcon /> {t('locks.locked')}
                        </span>
                      )}
                      {/* Beside the quarter, so that they stay in view when a phone scrolls the figures. */}
                      <span className="my-unit__actions">
                        {!lock && !isEditing && (
                          <button
                            type="button"
                            className="button-secondary"
                            aria-label={t('myUnit.editLabel', {
                              quarter: quarterLabel,
                              unit: unit.name,
                            })}
                            onClick={() => setEditing(quarter)}
                          >
                            {t('myUnit.edit')}
                          </button>
                        )}
                        <HistoryButton
                          unit={unitRef}
                          year={year}
                          quarter={quarter}
                          locale={locale}
                        />
                      </span>
                    </th>
                    {/* The headings again, for a phone's card layout (styles.css). */}
                    <td className="num" data-label={t('table.target')}>
                      {formatAmountFull(target, locale)}
                    </td>
                    <td className="num" data-label={t('table.actual')}>
                      {formatAmountFull(actual, locale)}
                    </td>
                    <td
                      className={status ? `num achieved achieved--${status}` : 'num achieved'}
                      data-label={t('table.achieved')}
                    >
                      {formatPercent(achieved, locale)}
                      {status && <span className="status">{t(`table.${status}`)}</span>}
                    </td>
                  </tr>
                  {isEditing && (
                    <tr className="my-unit__editor-row">
                      <td colSpan={4}>
                        <section
                          className="my-unit__editor"
                          aria-label={t('myUnit.editLabel', {
                            quarter: quarterLabel,
                            unit: unit.name,
                          })}
                        >
                          <ActualEditor
                            key={locale}
                            idPrefix={`${titleId}-q${quarter}`}
                            year={year}
                            quarter={quarter}
                            unit={unitRef}
                            entry={entry}
                            lock={lock}
                            locale={locale}
                            onCancel={() => setEditing(null)}
                          />
                        </section>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The "My unit" page at `/my-unit`, for the year in the header. */
export function MyUnitRoute() {
  const { year, units, locale } = useShell();
  return <MyUnit year={year} units={units} locale={locale} />;
}
