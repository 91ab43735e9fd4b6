import type { Summary, SummaryUnit } from '@targetline/contract';
import {
  type Amount,
  describeAssumption,
  describeBacktest,
  formatAmountFull,
  formatAmountShort,
  formatPercent,
  formatQuarter,
  hasDistinctAssignedPlan,
  headlineSentence,
  type Locale,
} from '@targetline/core';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { loadedWords } from '../i18n/i18n';
import { PaceStatusBadge } from '../ui/PaceStatusBadge';

type CardProps = {
  title: string;
  value: string;
  /** The exact figure behind a rounded `value`, shown small and as a tooltip. */
  fullAmount?: Amount | null;
  note?: string;
  locale: Locale;
  isEmphasised?: boolean;
  children?: ReactNode;
  className?: string;
};

function Card({
  title,
  value,
  fullAmount,
  note,
  locale,
  isEmphasised = false,
  children,
  className,
}: CardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const full =
    fullAmount === undefined || fullAmount === null
      ? undefined
      : t('cards.fullAmount', { amount: formatAmountFull(fullAmount, locale) });
  const classes = ['card', isEmphasised && 'card--emphasised', className].filter(Boolean);
  return (
    <section className={classes.join(' ')} aria-labelledby={titleId}>
      <h3 id={titleId} className="card__title">
        {title}
      </h3>
      <p className="card__value" title={full}>
        {value}
      </p>
      {full && <p className="card__full">{full}</p>}
      {children}
      {note && <p className="card__note">{note}</p>}
    </section>
  );
}

type Props = {
  summary: Summary;
  locale: Locale;
  /** The unit whose figures are shown; the root (the whole organisation) by default. */
  unit?: SummaryUnit | undefined;
};

/**
 * The headline figures of a unit (the whole organisation by default), all as the API computed
 * them, in the order a director asks: how far along the year's plan, whether on pace, what
 * each remaining quarter must bring, where the year will end; then the quarter against its
 * target, the year to date, the plan and what is still needed. Each says whether it is of the
 * plan or of the target.
 */
export function HeadlineCards({ summary, locale, unit }: Props) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const shown = unit ?? summary.units[0];
  if (!shown) return null;
  const isRoot = shown.parentId === null;
  const { analysis, forecasts } = shown;
  // Both plans side by side only where the group assigned one other than the unit's own.
  const hasAssigned = hasDistinctAssignedPlan(shown);

  const asOf = summary.asOfQuarter;
  const latest = asOf === null ? undefined : shown.quarters[asOf - 1];
  const asOfLabel = asOf === null ? undefined : formatQuarter(asOf, summary.year, locale);
  const quarter = formatQuarter(analysis.asOfQuarter, summary.year, locale);
  const isYearComplete = analysis.asOfQuarter === 4;
  // Core words it from the API's KPIs; a partly reported quarter names who is missing.
  const headline = headlineSentence({
    analysis: summary,
    locale,
    words: loadedWords(i18n, locale).analysis.headline,
    unitId: shown.unitId,
  });
  const namesOf = (ids: readonly number[]) =>
    ids.map((id) => summary.units.find((u) => u.unitId === id)?.name ?? String(id)).join(', ');
  // The dashboard leads with the forecast that was closest on the unit's earlier years.
  const byMethod = {
    run_rate: analysis.runRateForecast,
    target_profile: analysis.targetProfileForecast,
    seasonal: forecasts.seasonal,
  } as const;
  const leading = byMethod[forecasts.best ?? 'run_rate'];

  return (
    <>
      {headline && (
        <p className={`headline-sentence headline-sentence--${headline.kind}`}>{headline.text}</p>
      )}
      {/* A heading of its own, so the cards' h3 titles do not follow the page's h1 directly. */}
      {/* data-quarter: the "as of" quarter these figures are for (bench/browser.ts waits for it). */}
      <section className="cards" aria-labelledby={titleId} data-quarter={summary.selectedQuarter}>
        <h2 id={titleId} className="visually-hidden">
          {t('cards.title')}
        </h2>
        <Card
          title={t('cards.percentOfPlan')}
          value={formatPercent(analysis.achieved, locale)}
          note={t('cards.percentOfPlanNote')}
          locale={locale}
          isEmphasised
        >
          {hasAssigned && (
            <p className="card__both-plans">
              {t(isRoot ? 'cards.bothPlansRoot' : 'cards.bothPlansUnit', {
                own: formatPercent(analysis.achieved, locale),
                assigned: formatPercent(analysis.achievedVsAssigned, locale),
              })}
            </p>
          )}
        </Card>
        <Card
          title={t('analysis.cards.pace', { quarter })}
          value={formatPercent(analysis.pace, locale)}
          note={t('analysis.headline.paceNote', {
            expected: formatAmountShort(analysis.expectedToDate, locale),
          })}
          locale={locale}
          isEmphasised
          className={`card--status card--${analysis.status ?? 'none'}`}
        >
          <p className="card__status">
            <PaceStatusBadge status={analysis.status} />
          </p>
          {analysis.unavailableReason === 'partly_reported' && (
            // The KPIs are withheld, not zero: say whose figures they wait for.
            <p className="card__note" role="note">
              {t('analysis.cards.partlyReported', {
                count: analysis.missingUnitIds.length,
                expected: shown.quarters[analysis.asOfQuarter - 1]?.expectedUnits ?? 0,
                quarter,
                units: namesOf(analysis.missingUnitIds),
              })}
            </p>
          )}
        </Card>
        <Card
          title={t('analysis.cards.neededPerQuarter')}
          value={formatAmountShort(analysis.neededPerQuarter, locale)}
          fullAmount={analysis.neededPerQuarter}
          note={
            isYearComplete
              ? t('analysis.cards.yearComplete')
              : t('analysis.cards.neededPerQuarterNote')
          }
          locale={locale}
          isEmphasised
        />
        <ForecastCard unit={shown} leading={leading} locale={locale} />
        {latest && asOfLabel ? (
          <Card
            title={t('cards.latestQuarter', { quarter: asOfLabel })}
            value={formatAmountShort(latest.actual, locale)}
            fullAmount={latest.actual}
            note={t('analysis.headline.quarterOfTarget', {
              target: formatAmountShort(latest.target, locale),
              percent: formatPercent(latest.achieved, locale),
            })}
            locale={locale}
          />
        ) : (
          <Card
            title={t('cards.latestQuarterNone')}
            value={formatAmountShort(null, locale)}
            note={t('cards.ytdActualNoteNone')}
            locale={locale}
          />
        )}
        {/* As of the quarter the view is as of, like the pace: a figure some unit entered
          early for a later quarter is not counted in a total labelled "to Q1". */}
        <Card
          title={t('cards.ytdActual')}
          value={formatAmountShort(analysis.ytdActual, locale)}
          fullAmount={analysis.ytdActual}
          note={
            asOf === null ? t('cards.ytdActualNoteNone') : t('cards.ytdActualNote', { quarter })
          }
          locale={locale}
        />
        <Card
          title={t('cards.annualPlan', { year: summary.year })}
          value={formatAmountShort(shown.annualPlan, locale)}
          fullAmount={shown.annualPlan}
          note={isRoot ? t('cards.annualPlanNote') : undefined}
          locale={locale}
        >
          {hasAssigned && (
            <p className="card__note">
              {t('cards.assignedPlanNote', {
                amount: formatAmountShort(shown.assignedPlan, locale),
              })}
            </p>
          )}
        </Card>
        <Card
          title={t('analysis.cards.stillNeeded')}
          value={formatAmountShort(analysis.stillNeeded, locale)}
          fullAmount={analysis.stillNeeded}
          note={t('analysis.cards.stillNeededNote', {
            plan: formatAmountShort(shown.annualPlan, locale),
          })}
          locale={locale}
        />
      </section>
    </>
  );
}

/**
 * The year-end forecast: the method closest on the unit's earlier years, what it assumes and
 * how far off it was; all three methods, each with its assumption, one click away.
 */
function ForecastCard({
  unit,
  leading,
  locale,
}: {
  unit: SummaryUnit;
  leading: Amount | null;
  locale: Locale;
}) {
  const { t, i18n } = useTranslation();
  const words = loadedWords(i18n, locale).analysis.forecasts;
  const { analysis, forecasts } = unit;
  const methods = [
    ['run_rate', analysis.runRateForecast, forecasts.assumptions.runRate],
    ['target_profile', analysis.targetProfileForecast, forecasts.assumptions.targetProfile],
    ['seasonal', forecasts.seasonal, forecasts.assumptions.seasonal],
  ] as const;
  const lead = methods.find(([method]) => method === (forecasts.best ?? 'run_rate'));
  return (
    <Card
      title={t('analysis.cards.forecast')}
      value={formatAmountShort(leading, locale)}
      fullAmount={leading}
      locale={locale}
      isEmphasised
    >
      {lead && (
        <p className="card__note">
          <strong>{t(`analysis.forecasts.methods.${lead[0]}`)}.</strong>{' '}
          {describeAssumption(lead[2], locale, words)}{' '}
          {describeBacktest(forecasts.backtest[lead[0]], locale, words)}
        </p>
      )}
      <details className="card__more">
        <summary>{t('analysis.forecasts.allMethods')}</summary>
        <dl className="card__forecasts">
          {methods.map(([method, amount, assumption]) => (
            <div key={method}>
              <dt>{t(`analysis.forecasts.methods.${method}`)}</dt>
              <dd>{formatAmountShort(amount, locale)}</dd>
              <dd className="card__assumption">
                {describeAssumption(assumption, locale, words)}{' '}
                {describeBacktest(forecasts.backtest[method], locale, words)}
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </Card>
  );
}
