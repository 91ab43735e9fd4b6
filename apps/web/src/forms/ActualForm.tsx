import { formatAmountFull, formatQuarter, type Locale, type Quarter } from '@targetline/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveActualMutation } from '../api/hooks';
import type { EntriesResponse } from '../api/types';
import { AmountField } from './AmountField';
import { readAmountInput } from './amount-input';
import { apiErrorField, apiErrorMessage, isApiField } from './api-field';
import { type UnitOption, unitOptionLabel } from './unit-options';

type Props = {
  year: number;
  units: UnitOption[];
  /** The quarter to offer first: the latest one with actuals, if any. */
  defaultQuarter: Quarter;
  /** The units' own entered figures, to pre-fill; undefined while loading. */
  entries: EntriesResponse | undefined;
  locale: Locale;
};

const QUARTERS = [1, 2, 3, 4] as const;

function isQuarter(value: number): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** "Enter actual": a unit's own revenue for one quarter of the year. */
export function ActualForm({ year, units, defaultQuarter, entries, locale }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [unitId, setUnitId] = useState<number | undefined>(units[0]?.id);
  const [quarter, setQuarter] = useState<Quarter>(defaultQuarter);
  const unit = units.find((option) => option.id === unitId) ?? units[0];

  return (
    <section className="form-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('forms.actual.title')}</h3>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-unit`}>{t('forms.unit')}</label>
          <select
            id={`${id}-unit`}
            value={unit?.id ?? ''}
            onChange={(event) => setUnitId(Number(event.target.value))}
          >
            {units.map((option) => (
              <option key={option.id} value={option.id}>
                {unitOptionLabel(option)}
              </option>
            ))}
          </select>
        </div>
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
          <ActualFields
            key={`${year}:${unit.id}:${quarter}:${locale}`}
            idPrefix={id}
            year={year}
            quarter={quarter}
            unit={unit}
            entries={entries}
            locale={locale}
          />
        ) : (
          <p className="form-card__loading">{t('forms.loadingEntries')}</p>
        ))}
    </section>
  );
}

type FieldsProps = {
  idPrefix: string;
  year: number;
  quarter: Quarter;
  unit: UnitOption;
  entries: EntriesResponse;
  locale: Locale;
};

function ActualFields({ idPrefix, year, quarter, unit, entries, locale }: FieldsProps) {
  const { t } = useTranslation();
  const mutation = useSaveActualMutation();
  const entry = entries.actuals.find(
    (actual) => actual.unitId === unit.id && actual.quarter === quarter,
  );
  const [amount, setAmount] = useState(() => (entry ? formatAmountFull(entry.amount, locale) : ''));
  const [isSubmitted, setIsSubmitted] = useState(false);
  const parsed = readAmountInput({ input: amount, locale, isOptional: false });
  const errorField = apiErrorField(mutation.error);
  const quarterLabel = formatQuarter(quarter, year, locale);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSubmitted(true);
    if (!parsed.ok || parsed.amount === null) return;
    mutation.mutate({
      unitId: unit.id,
      year,
      quarter,
      amount: parsed.amount,
      version: entry?.version ?? 0,
    });
  }

  return (
    <form onSubmit={handleSubmit} noValidate>
      <AmountField
        id={`${idPrefix}-amount`}
        label={t('forms.actual.amount')}
        value={amount}
        onChange={(value) => {
          setAmount(value);
          if (mutation.isSuccess) mutation.reset();
        }}
        parsed={parsed}
        locale={locale}
        isSubmitted={isSubmitted}
        hasApiError={isApiField(errorField, 'amount')}
      />
      <div className="form-actions">
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('forms.saving') : t('forms.actual.submit')}
        </button>
      </div>
      {isSubmitted && !parsed.ok && (
        <p className="form-message form-message--error" role="alert">
          {t('forms.fixErrors')}
        </p>
      )}
      {mutation.isError && (
        <p className="form-message form-message--error" role="alert">
          {t('forms.saveFailed', { message: apiErrorMessage(mutation.error) })}
        </p>
      )}
      {mutation.isSuccess && (
        <p className="form-message form-message--success" role="status">
          {t('forms.actual.saved', { quarter: quarterLabel, unit: unit.name })}
        </p>
      )}
    </form>
  );
}
