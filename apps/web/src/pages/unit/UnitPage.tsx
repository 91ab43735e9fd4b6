import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import type { Summary, UnitHistoryYear } from '@targetline/contract';
import { formatAmountFull, formatPercent, formatQuarter, type Locale } from '@targetline/core';
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { HeadlineCards } from '../../analysis/HeadlineCards';
import { SummaryFrame } from '../../analysis/SummaryFrame';
import { WhatIfPanel } from '../../analysis/WhatIfPanel';
import { useUnitHistoryQuery } from '../../api/hooks';
import { useShell } from '../../app/shell-context';
import { buildHistoryChartData } from '../../charts/build-history-chart-data';
import { ForecastPanel } from '../../charts/ForecastChart';
import { HistoryChart } from '../../charts/HistoryChart';
import { UnitDirections } from '../../directions/Directions';
import { ErrorState, LoadingState, NoYearsState } from '../../ui/StateMessages';

type Props = {
  summary: Summary;
  unitId: number;
  locale: Locale;
  chartSize?: { width: number; height: number } | undefined;
};

/**
 * A unit's page at `/units/3?year=2023&asOf=2`: the "as of" bar and the page, so a link
 * names the unit, the year and the quarter it was sent with.
 */
export function UnitRoute() {
  const { year, units, locale, chartSize } = useShell();
  const { unitId } = useParams({ from: '/units/$unitId' });
  const { asOf } = useSearch({ from: '/units/$unitId' });
  const navigate = useNavigate({ from: '/units/$unitId' });
  if (year === undefined) {
    return <NoYearsState />;
  }
  return (
    <SummaryFrame
      key={year}
      year={year}
      asOf={asOf}
      onAsOfChange={(quarter) =>
        void navigate({ search: (previous) => ({ ...previous, asOf: quarter }) })
      }
      units={units}
      locale={locale}
    >
      {(summary) => (
        <UnitPage summary={summary} unitId={unitId} locale={locale} chartSize={chartSize} />
      )}
    </SummaryFrame>
  );
}

/** The quarter to keep in a link back: the one chosen, or none while it is the API's default. */
const asOfOf = (summary: Summary) =>
  summary.asOfQuarter === summary.selectedQuarter ? undefined : summary.selectedQuarter;

/** One unit's page: its analysis this year, original against current plan, and its history. */
export function UnitPage({ summary, unitId, locale, chartSize }: Props) {
  const { t } = useTranslation();
  const unit = summary.units.find((u) => u.unitId === unitId);
  const plansId = useId();

  return (
    <div className="unit-page">
      <p>
        <Link className="back-link" to="/" search={{ asOf: asOfOf(summary) }}>
          <span aria-hidden="true">← </span>
          {t('analysis.unitPage.back')}
        </Link>
      </p>
      {unit ? (
        <>
          <h2 className="unit-page__title">
            {unit.name} <span className="unit-code">{unit.code}</span>
          </h2>
          <HeadlineCards summary={summary} unit={unit} locale={locale} />
          {/* Keyed on the view: another unit, year or quarter starts with empty amounts. */}
          <WhatIfPanel
            key={`${unit.unitId}-${summary.year}-${summary.selectedQuarter}`}
            summary={summary}
            unit={unit}
            locale={locale}
          />
          <section className="panel" aria-labelledby={plansId}>
            <h2 id={plansId}>{t('analysis.unitPage.plans')}</h2>
            <dl className="plan-compare">
              <div>
                <dt>{t('analysis.unitPage.originalPlan')}</dt>
                <dd>{formatAmountFull(unit.originalPlan, locale)}</dd>
              </div>
              <div>
                <dt>{t('analysis.unitPage.currentPlan')}</dt>
                <dd>{formatAmountFull(unit.annualPlan, locale)}</dd>
              </div>
              <div>
                <dt>{t('analysis.unitPage.achievedVsOriginal')}</dt>
                <dd>{formatPercent(unit.achievedVsOriginal, locale)}</dd>
              </div>
            </dl>
          </section>
          <ForecastPanel
            units={summary.units}
            unitId={unit.unitId}
            year={summary.year}
            locale={locale}
            chartSize={chartSize}
          />
          <UnitDirections unitId={unit.unitId} locale={locale} />
        </>
      ) : (
        <p className="panel__note">{t('analysis.unitPage.notFound', { year: summary.year })}</p>
      )}
      <UnitHistory
        unitId={unitId}
        unitName={unit?.name ?? ''}
        organisation={(summary.units.find((u) => u.parentId === null) ?? unit)?.name ?? ''}
        locale={locale}
        chartSize={chartSize}
      />
    </div>
  );
}

function UnitHistory({
  unitId,
  unitName,
  organisation,
  locale,
  chartSize,
}: {
  unitId: number;
  unitName: string;
  organisation: string;
  locale: Locale;
  chartSize: Props['chartSize'];
}) {
  const { t } = useTranslation();
  const query = useUnitHistoryQuery(unitId);
  const titleId = useId();
  const chartTitleId = useId();
  const chartData = useMemo(() => buildHistoryChartData(query.data ?? []), [query.data]);

  let body: ReactNode;
  if (query.isPending) body = <LoadingState />;
  else if (query.isError) {
    body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  } else if (query.data.length === 0) {
    body = <p className="panel__empty">{t('analysis.unitPage.noHistory')}</p>;
  } else {
    body = (
      <>
        <HistoryTable history={query.data} locale={locale} />
        <h3 id={chartTitleId}>{t('analysis.unitPage.historyChart')}</h3>
        <HistoryChart
          data={chartData}
          locale={locale}
          size={chartSize}
          exportAs={{
            title: `${t('analysis.unitPage.historyChart')} – ${unitName}`,
            subtitle: t('analysis.unitPage.achieved'),
            organisation,
            year: Number(chartData.at(-1)?.year ?? new Date().getFullYear()),
          }}
        />
      </>
    );
  }
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('analysis.unitPage.history')}</h2>
      {body}
    </section>
  );
}

function HistoryTable({ history, locale }: { history: UnitHistoryYear[]; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="summary-table history-table">
        <caption>{t('table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analysis.unitPage.year')}</th>
            <th scope="col" className="num">
              {t('analysis.unitPage.annualPlan')}
            </th>
            <th scope="col" className="num">
              {t('analysis.unitPage.originalPlan')}
            </th>
            {([1, 2, 3, 4] as const).map((quarter) => (
              <th key={quarter} scope="col" className="num quarter-start">
                {formatQuarter(quarter, 2000, locale).replace(/[\s/]2000$/, '')}
              </th>
            ))}
            <th scope="col" className="num quarter-start">
              {t('analysis.unitPage.ytdActual')}
            </th>
            <th scope="col" className="num">
              {t('analysis.unitPage.achieved')}
            </th>
          </tr>
        </thead>
        <tbody>
          {history.map((year) => (
            <tr key={year.year}>
              <th scope="row">{year.year}</th>
              <td className="num">{formatAmountFull(year.annualPlan, locale)}</td>
              <td className="num">{formatAmountFull(year.originalPlan, locale)}</td>
              {year.quarters.map((quarter) => (
                <td key={quarter.quarter} className="num quarter-start">
                  {formatAmountFull(quarter.actual, locale)}
                  <span className="cell-note">{formatPercent(quarter.achieved, locale)}</span>
                </td>
              ))}
              <td className="num quarter-start">{formatAmountFull(year.ytdActual, locale)}</td>
              <td className="num">{formatPercent(year.achieved, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
