import {
  type Amount,
  formatAmountFull,
  formatAmountShort,
  formatPercent,
  formatQuarter,
  type Locale,
  type YearSummary,
} from '@targetline/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

type CardProps = {
  title: string;
  value: string;
  /** The exact figure behind a rounded `value`, shown small and as a tooltip. */
  fullAmount?: Amount | null;
  note?: string;
  locale: Locale;
  isEmphasised?: boolean;
};

function Card({ title, value, fullAmount, note, locale, isEmphasised = false }: CardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const full =
    fullAmount === undefined || fullAmount === null
      ? undefined
      : t('cards.fullAmount', { amount: formatAmountFull(fullAmount, locale) });
  return (
    <section className={isEmphasised ? 'card card--emphasised' : 'card'} aria-labelledby={titleId}>
      <h3 id={titleId} className="card__title">
        {title}
      </h3>
      <p className="card__value" title={full}>
        {value}
      </p>
      {full && <p className="card__full">{full}</p>}
      {note && <p className="card__note">{note}</p>}
    </section>
  );
}

type Props = { summary: YearSummary; locale: Locale };

/** The organisation's headline figures: the root unit's row of the summary. */
export function HeadlineCards({ summary, locale }: Props) {
  const { t } = useTranslation();
  const root = summary.units[0];
  if (!root) return null;

  const asOf = summary.asOfQuarter;
  const latest = asOf === null ? undefined : root.quarters[asOf - 1];
  const asOfLabel = asOf === null ? undefined : formatQuarter(asOf, summary.year, locale);

  return (
    <section className="cards" aria-label={t('cards.title')}>
      <Card
        title={t('cards.annualPlan', { year: summary.year })}
        value={formatAmountShort(root.annualPlan, locale)}
        fullAmount={root.annualPlan}
        note={t('cards.annualPlanNote')}
        locale={locale}
      />
      <Card
        title={t('cards.ytdActual')}
        value={formatAmountShort(root.ytdActual, locale)}
        fullAmount={root.ytdActual}
        note={
          asOfLabel
            ? t('cards.ytdActualNote', { quarter: asOfLabel })
            : t('cards.ytdActualNoteNone')
        }
        locale={locale}
      />
      <Card
        title={t('cards.percentOfPlan')}
        value={formatPercent(root.achieved, locale)}
        note={t('cards.percentOfPlanNote')}
        locale={locale}
        isEmphasised
      />
      {latest && asOfLabel ? (
        <Card
          title={t('cards.latestQuarter', { quarter: asOfLabel })}
          value={formatAmountShort(latest.actual, locale)}
          fullAmount={latest.actual}
          note={t('cards.latestQuarterTarget', {
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
    </section>
  );
}
