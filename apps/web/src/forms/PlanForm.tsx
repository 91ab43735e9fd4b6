import type { PlanRecord, QuarterTargets, YearEntries } from '@targetline/contract';
import { type Amount, formatAmountFull, formatQuarter, type Locale } from '@targetline/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSavePlanMutation } from '../api/hooks';
import { AmountField } from '../ui/fields/AmountField';
import { readAmountInput } from '../ui/fields/amount-input';
import { apiErrorField, isApiField } from '../ui/fields/api-field';
import { CommentField } from '../ui/fields/CommentField';
import { saveErrorMessage } from '../ui/fields/save-error';
import { ConflictDialog } from './ConflictDialog';
import { UnitSelect } from './UnitSelect';
import type { UnitOption } from './unit-options';
import { type PendingConflict, useConflictResolution } from './use-conflict-resolution';

type Props = {
  year: number;
  units: UnitOption[];
  /** The units' own entered figures, to pre-fill; undefined while loading. */
  entries: YearEntries | undefined;
  locale: Locale;
};

const QUARTER_INDEXES = [0, 1, 2, 3] as const;

type PlanValues = {
  annualPlan: Amount;
  /** The plan the parent group assigned; null = none (an empty field clears it). */
  assignedPlan: Amount | null;
  quarterTargets: QuarterTargets;
};

const isPlanShape = (value: Record<string, unknown>) =>
  typeof value.annualPlan === 'number' && Array.isArray(value.quarterTargets);

/** "Set plan": a unit's annual plan and optional quarter targets for the year. */
export function PlanForm({ year, units, entries, locale }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [unitId, setUnitId] = useState<number | undefined>(units[0]?.id);
  const unit = units.find((option) => option.id === unitId) ?? units[0];

  return (
    <section className="form-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('forms.plan.title', { year })}</h3>
      <UnitSelect id={`${id}-unit`} units={units} value={unit?.id} onChange={setUnitId} />
      {unit &&
        (entries ? (
          // Re-mounting per unit, year and language re-fills the fields from that unit's entry.
          <PlanFields
            key={`${year}:${unit.id}:${locale}`}
            idPrefix={id}
            year={year}
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
  unit: UnitOption;
  entries: YearEntries;
  locale: Locale;
};

function PlanFields({ idPrefix, year, unit, entries, locale }: FieldsProps) {
  const { t } = useTranslation();
  const mutation = useSavePlanMutation();
  const entry = entries.plans.find((plan) => plan.unitId === unit.id);
  const prefill = (amount: Amount | null | undefined) =>
    amount === null || amount === undefined ? '' : formatAmountFull(amount, locale);

  const [annualPlan, setAnnualPlan] = useState(() => prefill(entry?.annualPlan));
  const [assignedPlan, setAssignedPlan] = useState(() => prefill(entry?.assignedPlan));
  const [targets, setTargets] = useState(() =>
    QUARTER_INDEXES.map((index) => prefill(entry?.quarterTargets[index])),
  );
  const [comment, setComment] = useState('');
  const resolution = useConflictResolution<PlanValues, PlanRecord>({
    initialVersion: entry?.version ?? 0,
    isCurrentShape: isPlanShape,
    save,
    fillWithTheirs: (current) => {
      setAnnualPlan(prefill(current?.annualPlan));
      setAssignedPlan(prefill(current?.assignedPlan));
      setTargets(QUARTER_INDEXES.map((index) => prefill(current?.quarterTargets[index])));
    },
    resetSave: () => mutation.reset(),
  });
  const [isSubmitted, setIsSubmitted] = useState(false);

  const annualParsed = readAmountInput({ input: annualPlan, locale, isOptional: false });
  const assignedParsed = readAmountInput({ input: assignedPlan, locale, isOptional: true });
  const targetsParsed = targets.map((input) =>
    readAmountInput({ input, locale, isOptional: true }),
  );
  const errorField = apiErrorField(mutation.error);

  function clearOutcome() {
    if (mutation.isSuccess) mutation.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSubmitted(true);
    if (!annualParsed.ok || annualParsed.amount === null || !assignedParsed.ok) return;
    const quarterTargets: (Amount | null)[] = [];
    for (const parsed of targetsParsed) {
      if (!parsed.ok) return;
      quarterTargets.push(parsed.amount);
    }
    const [q1 = null, q2 = null, q3 = null, q4 = null] = quarterTargets;
    save(
      {
        annualPlan: annualParsed.amount,
        assignedPlan: assignedParsed.amount,
        quarterTargets: [q1, q2, q3, q4],
      },
      resolution.baseVersion,
    );
  }

  function save(values: PlanValues, version: number) {
    mutation.mutate(
      { unitId: unit.id, year, ...values, version, comment },
      {
        onSuccess: (saved) => {
          resolution.onSaved(saved.version);
          setComment('');
        },
        onError: (error) => resolution.onSaveError(error, values),
      },
    );
  }

  function conflictRows({ mine, current }: PendingConflict<PlanValues, PlanRecord>) {
    const full = (amount: Amount | null | undefined) => formatAmountFull(amount ?? null, locale);
    return [
      {
        label: t('forms.plan.annualPlan'),
        mine: full(mine.annualPlan),
        theirs: full(current?.annualPlan),
      },
      {
        label: t('forms.plan.assignedPlan'),
        mine: full(mine.assignedPlan),
        theirs: full(current?.assignedPlan),
      },
      ...QUARTER_INDEXES.map((index) => ({
        label: t('forms.plan.quarterTarget', {
          quarter: formatQuarter((index + 1) as 1 | 2 | 3 | 4, year, locale),
        }),
        mine: full(mine.quarterTargets[index]),
        theirs: full(current?.quarterTargets[index]),
      })),
    ];
  }

  const hasParseErrors =
    isSubmitted &&
    (!annualParsed.ok || !assignedParsed.ok || targetsParsed.some((parsed) => !parsed.ok));

  return (
    <form onSubmit={handleSubmit} noValidate>
      <AmountField
        id={`${idPrefix}-annual`}
        label={t('forms.plan.annualPlan')}
        value={annualPlan}
        onChange={(value) => {
          setAnnualPlan(value);
          clearOutcome();
        }}
        parsed={annualParsed}
        locale={locale}
        isSubmitted={isSubmitted}
        hasApiError={isApiField(errorField, 'annualPlan')}
      />
      <AmountField
        id={`${idPrefix}-assigned`}
        label={t('forms.plan.assignedPlan')}
        value={assignedPlan}
        onChange={(value) => {
          setAssignedPlan(value);
          clearOutcome();
        }}
        parsed={assignedParsed}
        locale={locale}
        isOptional
        hasExample={false}
        isSubmitted={isSubmitted}
        hasApiError={isApiField(errorField, 'assignedPlan')}
      />
      <div className="field-grid">
        {QUARTER_INDEXES.map((index) => (
          <AmountField
            key={index}
            id={`${idPrefix}-q${index + 1}`}
            label={t('forms.plan.quarterTarget', {
              quarter: formatQuarter((index + 1) as 1 | 2 | 3 | 4, year, locale),
            })}
            value={targets[index] ?? ''}
            onChange={(value) => {
              setTargets((current) => current.map((old, i) => (i === index ? value : old)));
              clearOutcome();
            }}
            parsed={targetsParsed[index] ?? { ok: true, amount: null }}
            locale={locale}
            isOptional
            hasExample={false}
            isSubmitted={isSubmitted}
            hasApiError={isApiField(errorField, 'quarterTargets', index)}
          />
        ))}
      </div>
      <CommentField id={`${idPrefix}-comment`} value={comment} onChange={setComment} />
      <div className="form-actions">
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('forms.saving') : t('forms.plan.submit')}
        </button>
      </div>
      {hasParseErrors && (
        <p className="form-message form-message--error" role="alert">
          {t('forms.fixErrors')}
        </p>
      )}
      {mutation.isError && (
        <p className="form-message form-message--error" role="alert">
          {saveErrorMessage(mutation.error, t, locale)}
        </p>
      )}
      {mutation.isSuccess && (
        <p className="form-message form-message--success" role="status">
          {t('forms.plan.saved', { year, unit: unit.name })}
        </p>
      )}
      {resolution.conflict && (
        <ConflictDialog
          {...resolution.dialogProps(resolution.conflict)}
          rows={conflictRows(resolution.conflict)}
          locale={locale}
          isPending={mutation.isPending}
        />
      )}
    </form>
  );
}
