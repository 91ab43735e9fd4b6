import type { Summary, SummaryUnit } from '@targetline/contract';
import { formatPercent, formatQuarter, type Locale } from '@targetline/core';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitLink } from '../../app/UnitLink';
import { PaceStatusBadge } from '../../ui/PaceStatusBadge';
import { biggestMovers, rankByPace } from './ranking';

/** "Ranking by pace" and, from Q2 on, the biggest movers since the last quarter. */
export function RankingPanel({ summary, locale }: { summary: Summary; locale: Locale }) {
  const { t } = useTranslation();
  const titleId = useId();
  const moversId = useId();
  const { ranked, withoutPace } = useMemo(() => rankByPace(summary.units), [summary]);
  const movers = useMemo(() => biggestMovers(summary.units), [summary]);
  const quarter = formatQuarter(summary.selectedQuarter, summary.year, locale);
  const hasMovers = summary.selectedQuarter > 1;

  return (
    <section className="panel ranking" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('analysis.ranking.title')}</h2>
      <p className="panel__description">{t('analysis.ranking.description', { quarter })}</p>
      <div className="ranking__body">
        <ol className="ranking__list" aria-labelledby={titleId}>
          {ranked.map((unit) => (
            <li key={unit.unitId}>
              <UnitLink unitId={unit.unitId} className="ranking__name">
                {unit.name} <span className="unit-code">{unit.code}</span>
              </UnitLink>
              <span className="ranking__pace">{formatPercent(unit.analysis.pace, locale)}</span>
              <PaceStatusBadge status={unit.analysis.status} />
            </li>
          ))}
        </ol>
        {withoutPace > 0 && (
          <p className="panel__note">{t('analysis.ranking.noPace', { count: withoutPace })}</p>
        )}
        {hasMovers && (
          <section className="movers" aria-labelledby={moversId}>
            <h3 id={moversId}>{t('analysis.ranking.movers')}</h3>
            {movers.up.length === 0 && movers.down.length === 0 ? (
              <p className="panel__note">{t('analysis.ranking.noMovers')}</p>
            ) : (
              <div className="movers__lists">
                <MoverList title={t('analysis.ranking.up')} units={movers.up} locale={locale} />
                <MoverList title={t('analysis.ranking.down')} units={movers.down} locale={locale} />
              </div>
            )}
          </section>
        )}
      </div>
    </section>
  );
}

function MoverList({
  title,
  units,
  locale,
}: {
  title: string;
  units: SummaryUnit[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  if (units.length === 0) return null;
  return (
    <div>
      <h4 id={titleId}>{title}</h4>
      <ol aria-labelledby={titleId}>
        {units.map((unit) => {
          const change = unit.paceChange ?? 0;
          return (
            <li key={unit.unitId}>
              <UnitLink unitId={unit.unitId}>{unit.name}</UnitLink>{' '}
              <span className={change > 0 ? 'mover mover--up' : 'mover mover--down'}>
                <span aria-hidden="true">{change > 0 ? '▲' : '▼'}</span>{' '}
                {t('analysis.ranking.change', {
                  sign: change > 0 ? '+' : '−',
                  points: formatPercent(Math.abs(change), locale).replace('%', ''),
                })}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
