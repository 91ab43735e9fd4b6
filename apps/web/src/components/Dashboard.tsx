import type { Locale, Quarter, Unit, YearSummary } from '@targetline/core';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEntriesQuery, useLocksQuery, useSummaryQuery } from '../api/hooks';
import { ActualForm } from '../forms/ActualForm';
import { PlanForm } from '../forms/PlanForm';
import { type UnitOption, unitOptionsFromUnits } from '../forms/unit-options';
import { AchievementChart } from './AchievementChart';
import { buildAchievementChartData } from './build-achievement-chart-data';
import { HeadlineCards } from './HeadlineCards';
import { EmptyState, ErrorState, LoadingState } from './StateMessages';
import { SummaryTable } from './SummaryTable';

type Props = {
  /** The year shown; undefined when no year has figures yet. */
  year: number | undefined;
  units: Unit[];
  locale: Locale;
  /** Chart size for tests (jsdom cannot measure); omitted in the app, where it fills its column. */
  chartSize?: { width: number; height: number } | undefined;
};

/** The director's page: headline cards, chart, table and the entry forms. */
export function Dashboard({ year, units, locale, chartSize }: Props) {
  if (year === undefined) return <FirstPlan units={units} locale={locale} />;
  return <YearDashboard year={year} locale={locale} chartSize={chartSize} />;
}

/** No year has figures yet: explain, and offer the plan form for this calendar year. */
function FirstPlan({ units, locale }: { units: Unit[]; locale: Locale }) {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const options = useMemo(() => unitOptionsFromUnits(units), [units]);
  return (
    <>
      <EmptyState title={t('state.noYearsTitle')} body={t('state.noYearsBody', { year })} />
      <EntryForms year={year} units={options} defaultQuarter={1} locale={locale} />
    </>
  );
}

function YearDashboard({
  year,
  locale,
  chartSize,
}: {
  year: number;
  locale: Locale;
  chartSize: Props['chartSize'];
}) {
  const { t } = useTranslation();
  const summaryQuery = useSummaryQuery(year);

  if (summaryQuery.isPending) return <LoadingState />;
  if (summaryQuery.isError) {
    return <ErrorState error={summaryQuery.error} onRetry={() => void summaryQuery.refetch()} />;
  }
  const summary = summaryQuery.data;
  if (summary.units.length === 0) {
    return <EmptyState title={t('state.noUnitsTitle')} body={t('state.noUnitsBody')} />;
  }
  return <YearFigures summary={summary} locale={locale} chartSize={chartSize} />;
}

function YearFigures({
  summary,
  locale,
  chartSize,
}: {
  summary: YearSummary;
  locale: Locale;
  chartSize: Props['chartSize'];
}) {
  const { t } = useTranslation();
  const chartTitleId = useId();
  const tableTitleId = useId();
  const chartData = useMemo(() => buildAchievementChartData(summary, locale), [summary, locale]);
  const unitOptions = useMemo<UnitOption[]>(
    () => summary.units.map(({ unitId, code, name, depth }) => ({ id: unitId, code, name, depth })),
    [summary],
  );

  return (
    <>
      <HeadlineCards summary={summary} locale={locale} />

      <section className="panel" aria-labelledby={chartTitleId}>
        <h2 id={chartTitleId}>{t('chart.title')}</h2>
        <p className="panel__description">{t('chart.description')}</p>
        {chartData.hasValues ? (
          <div className="chart-scroll">
            <div className="chart-frame">
              <AchievementChart
                data={chartData}
                locale={locale}
                width={chartSize?.width}
                height={chartSize?.height}
              />
            </div>
          </div>
        ) : (
          <p className="panel__empty">{t('chart.empty')}</p>
        )}
      </section>

      <section className="panel" aria-labelledby={tableTitleId}>
        <h2 id={tableTitleId}>{t('table.title')}</h2>
        <SummaryTable summary={summary} locale={locale} labelledBy={tableTitleId} />
      </section>

      <EntryForms
        year={summary.year}
        units={unitOptions}
        defaultQuarter={summary.asOfQuarter ?? 1}
        locale={locale}
      />
    </>
  );
}

function EntryForms({
  year,
  units,
  defaultQuarter,
  locale,
}: {
  year: number;
  units: UnitOption[];
  defaultQuarter: Quarter;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const entriesQuery = useEntriesQuery(year);
  const locksQuery = useLocksQuery(year);
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('forms.title')}</h2>
      {entriesQuery.isError && (
        <ErrorState error={entriesQuery.error} onRetry={() => void entriesQuery.refetch()} />
      )}
      <div className="forms">
        <PlanForm year={year} units={units} entries={entriesQuery.data} locale={locale} />
        <ActualForm
          year={year}
          units={units}
          defaultQuarter={defaultQuarter}
          entries={entriesQuery.data}
          locks={locksQuery.data}
          locale={locale}
        />
      </div>
    </section>
  );
}
