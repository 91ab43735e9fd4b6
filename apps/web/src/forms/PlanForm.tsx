import type { PlanRecord, QuarterTargets, YearEntries } from '@targetline/contract';
import {
  type Amount,
  formatAmountFull,
  formatPercent,
  formatQuarter,
  type Locale,
  phaseTargets,
  type SeasonalShares,
} from '@targetline/core';
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
  /**
   * Each unit's seasons learnt from its earlier years (the summary's `forecasts`): the share
   * of the year each quarter brought, and the years; absent where there are none.
   */
  seasons?: ReadonlyMap<number, Season>;
};

export type Season = { shares: SeasonalShares; years: readonly number[] };

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
export function PlanForm({ year, units, entries, locale, seasons }: Props) {
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
            season={seasons?.get(unit.id)}
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
  season: Season | undefined;
};

function PlanFields({ idPrefix, year, unit, entries, locale, season }: FieldsProps) {
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
  // Whether the quarter targets were just proposed from the seasons (nothing saved yet).
  const [phase, setPhase] = useState<'proposed' | 'needsPlan' | null>(null);
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
      {season && (
        <div className="form-phase">
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              const plan = annualParsed.ok ? annualParsed.amount : null;
              const phased = plan === null ? null : phaseTargets(plan, season.shares);
              setPhase(phased === null ? 'needsPlan' : 'proposed');
              if (phased) setTargets(phased.map((amount) => formatAmountFull(amount, locale)));
              clearOutcome();
            }}
          >
            {t('forms.plan.phase')}
          </button>
          {phase !== null && (
            <p className="form-message" role="status">
              {phase === 'needsPlan'
                ? t('forms.plan.phaseNeedsPlan')
                : t('forms.plan.phaseNote', {
                    years: season.years.join(', '),
                    shares: season.shares
                      .map((share) => formatPercent(share, locale, 0))
                      .join(' · '),
                  })}
            </p>
          )}
        </div>
      )}
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
