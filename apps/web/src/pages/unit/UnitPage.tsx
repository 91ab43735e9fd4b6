import type { Summary, UnitHistoryYear } from '@targetline/contract';
import { formatAmountFull, formatPercent, formatQuarter, type Locale } from '@targetline/core';
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { HeadlineCards } from '../../analysis/HeadlineCards';
import { useUnitHistoryQuery } from '../../api/hooks';
import { buildHistoryChartData } from '../../charts/build-history-chart-data';
import { ForecastPanel } from '../../charts/ForecastChart';
import { DASHBOARD_HREF } from '../../components/use-unit-page';
import { ErrorState, LoadingState } from '../../ui/StateMessages';

type Props = {
  summary: Summary;
  unitId: number;
  locale: Locale;
  chartSize?: { width: number; height: number } | undefined;
};

/** One unit's page: its analysis this year, original against current plan, and its history. */
export function UnitPage({ summary, unitId, locale, chartSize }: Props) {
  const { t } = useTranslation();
  const unit = summary.units.find((u) => u.unitId === unitId);
  const plansId = useId();

  return (
    <div className="unit-page">
      <p>
        <a className="back-link" href={DASHBOARD_HREF}>
          <span aria-hidden="true">← </span>
          {t('analysis.unitPage.back')}
        </a>
      </p>
      {unit ? (
        <>
          <h2 className="unit-page__title">
            {unit.name} <span className="unit-code">{unit.code}</span>
          </h2>
          <HeadlineCards summary={summary} unit={unit} locale={locale} />
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
        </>
      ) : (
        <p className="panel__note">{t('analysis.unitPage.notFound', { year: summary.year })}</p>
      )}
      <UnitHistory unitId={unitId} locale={locale} chartSize={chartSize} />
    </div>
  );
}

function UnitHistory({
  unitId,
  locale,
  chartSize,
}: {
  unitId: number;
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
    const formatTick = (value: number) => formatPercent(value, locale, 0);
    const chart = (
      <BarChart
        width={chartSize?.width}
        height={chartSize ? 240 : undefined}
        data={chartData}
        margin={{ top: 16, right: 16, bottom: 8, left: 8 }}
        accessibilityLayer
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#c8ccd2" />
        <XAxis dataKey="year" tick={{ fontSize: 13 }} />
        <YAxis tickFormatter={formatTick} width={56} tick={{ fontSize: 13 }} />
        <Tooltip formatter={(value) => formatPercent(Number(value), locale)} />
        <ReferenceLine y={1} stroke="#1b1f24" strokeDasharray="6 4" ifOverflow="extendDomain" />
        <Bar
          dataKey="achieved"
          name={t('analysis.unitPage.achieved')}
          fill="#0072B2"
          isAnimationActive={false}
        />
      </BarChart>
    );
    body = (
      <>
        <HistoryTable history={query.data} locale={locale} />
        <h3 id={chartTitleId}>{t('analysis.unitPage.historyChart')}</h3>
        <div className="forecast-frame" data-chart="history">
          {chartSize ? (
            chart
          ) : (
            <ResponsiveContainer width="100%" height={240}>
              {chart}
            </ResponsiveContainer>
          )}
        </div>
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
