import type { Summary, SummaryUnit } from '@targetline/contract';
import {
  formatAmountCompact,
  formatAmountShort,
  formatPercent,
  formatQuarter,
  type Locale,
  phaseTargets,
  QUARTERS,
  type Quarter,
  whatIf,
} from '@targetline/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AmountField } from '../ui/fields/AmountField';
import { readAmountInput } from '../ui/fields/amount-input';
import { PaceStatusBadge } from '../ui/PaceStatusBadge';

type Props = {
  summary: Summary;
  locale: Locale;
  /** The unit the what-if is about; the root (the whole organisation) by default. */
  unit?: SummaryUnit | undefined;
};

/**
 * "What if the remaining quarters bring …": one amount per quarter after the selected one, and
 * the year-end, % of the plan and status core's `whatIf` makes of them. Nothing is saved; the
 * amounts live in this component only (keyed by the caller on the year and quarter, so a new
 * view starts empty).
 */
export function WhatIfPanel({ summary, locale, unit }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const fieldId = useId();
  const [inputs, setInputs] = useState<Partial<Record<Quarter, string>>>({});
  const shown = unit ?? summary.units[0];
  if (!shown) return null;
  const asOf = summary.selectedQuarter;
  const remaining = QUARTERS.filter((q) => q > asOf);

  const parsed = remaining.map((quarter) => ({
    quarter,
    text: inputs[quarter] ?? '',
    input: readAmountInput({ input: inputs[quarter] ?? '', locale, isOptional: true }),
  }));
  const amounts: Partial<Record<Quarter, number>> = {};
  for (const { quarter, input } of parsed) {
    if (input.ok && input.amount !== null) amounts[quarter] = input.amount;
  }
  // A field that does not read as an amount shows its error; no year-end is guessed meanwhile.
  const isReadable = parsed.every(({ input }) => input.ok);
  const result = isReadable ? whatIf(shown, asOf, amounts, summary.thresholds) : undefined;
  // Targets that follow the unit's seasons, summing to the plan: a proposal, not saved.
  const phased =
    shown.annualPlan === null ? null : phaseTargets(shown.annualPlan, shown.forecasts.shares);

  return (
    <section className="panel what-if" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('analysis.whatIf.title')}</h2>
      {remaining.length === 0 ? (
        <p className="panel__description">{t('analysis.whatIf.yearComplete')}</p>
      ) : (
        <>
          <p className="panel__description">{t('analysis.whatIf.description')}</p>
          <div className="what-if__fields">
            {parsed.map(({ quarter, text, input }) => (
              <AmountField
                key={quarter}
                id={`${fieldId}-q${quarter}`}
                label={t('analysis.whatIf.amount', {
                  quarter: formatQuarter(quarter, summary.year, locale),
                })}
                value={text}
                onChange={(value) => setInputs((current) => ({ ...current, [quarter]: value }))}
                parsed={input}
                locale={locale}
                // Every field may stay empty (the note says how it is then taken): no "(optional)".
                isSubmitted={false}
                hasExample={false}
              />
            ))}
          </div>
          <output className="what-if__result" aria-live="polite">
            {result === null && <span>{t('analysis.whatIf.unavailable')}</span>}
            {result && (
              <>
                <span className="what-if__year-end">
                  {t('analysis.whatIf.yearEnd', {
                    amount: formatAmountShort(result.yearEnd, locale),
                  })}
                </span>{' '}
                <span className="what-if__achieved">
                  {t('analysis.whatIf.achieved', {
                    percent: formatPercent(result.achieved, locale),
                  })}
                </span>{' '}
                <PaceStatusBadge status={result.status} />
                {result.quartersAssumed.length > 0 && (
                  <span className="what-if__assumed">
                    {' '}
                    {t('analysis.whatIf.assumed', {
                      quarters: result.quartersAssumed
                        .map((q) => formatQuarter(q, undefined, locale))
                        .join(', '),
                    })}
                  </span>
                )}
              </>
            )}
          </output>
        </>
      )}
      {phased && (
        <p className="panel__note what-if__phased">
          {t('analysis.whatIf.phased', {
            years: shown.forecasts.assumptions.seasonal.years.join(', '),
            targets: phased
              .map(
                (amount, i) =>
                  `${formatQuarter((i + 1) as Quarter, undefined, locale)} ${formatAmountCompact(amount, locale)}`,
              )
              .join(' · '),
          })}
        </p>
      )}
    </section>
  );
}
