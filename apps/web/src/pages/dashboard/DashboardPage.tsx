import type { Summary } from '@targetline/contract';
import { formatQuarter, type Locale, type Quarter, type Unit } from '@targetline/core';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HeadlineCards } from '../../analysis/HeadlineCards';
import { PaceSettings } from '../../analysis/PaceSettings';
import { useEntriesQuery, useLocksQuery, useSummaryQuery } from '../../api/hooks';
import { AchievementChart } from '../../charts/AchievementChart';
import { buildAchievementChartData } from '../../charts/build-achievement-chart-data';
import { ForecastPanel } from '../../charts/ForecastChart';
import { ActualForm } from '../../forms/ActualForm';
import { PlanForm } from '../../forms/PlanForm';
import { type UnitOption, unitOptionsFromUnits } from '../../forms/unit-options';
import { permissionsOf, useCurrentUser } from '../../session/current-user';
import { EmptyState, ErrorState, LoadingState } from '../../ui/StateMessages';
import { UnitPage } from '../unit/UnitPage';
import { ExportToolbar } from './ExportToolbar';
import { RankingPanel } from './RankingPanel';
import { SummaryTable } from './SummaryTable';
import '../../analysis/analysis.css';
import { useUnitPage } from '../../components/use-unit-page';
import { useMediaQuery } from '../../ui/use-media-query';

type Props = {
  /** The year shown; undefined when no year has figures yet. */
  year: number | undefined;
  units: Unit[];
  locale: Locale;
  /** Chart size for tests (jsdom cannot measure); omitted in the app, where it fills its column. */
  chartSize?: { width: number; height: number } | undefined;
};

/**
 * The director's page, as of a quarter: headline cards, forecast, chart, ranking, table and
 * the entry forms; or one unit's page when the address names it (`#unit/12`).
 */
export function Dashboard({ year, units, locale, chartSize }: Props) {
  if (year === undefined) return <FirstPlan units={units} locale={locale} />;
  // A new year starts again from the API's default "as of" quarter.
  return (
    <YearDashboard key={year} year={year} units={units} locale={locale} chartSize={chartSize} />
  );
}

/** No year has figures yet: explain, and offer the plan form for this calendar year. */
function FirstPlan({ units, locale }: { units: Unit[]; locale: Locale }) {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const options = useMemo(() => unitOptionsFromUnits(units), [units]);
  return (
    <>
      <EmptyState title={t('state.noYearsTitle')} body={t('state.noYearsBody', { year })} />
      <EntryForms year={year} units={units} options={options} defaultQuarter={1} locale={locale} />
    </>
  );
}

function YearDashboard({
  year,
  units,
  locale,
  chartSize,
}: {
  year: number;
  units: Unit[];
  locale: Locale;
  chartSize: Props['chartSize'];
}) {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useState<Quarter>();
  const summaryQuery = useSummaryQuery(year, asOf);
  const unitId = useUnitPage();

  if (summaryQuery.isPending) return <LoadingState />;
  if (summaryQuery.isError) {
    return <ErrorState error={summaryQuery.error} onRetry={() => void summaryQuery.refetch()} />;
  }
  const summary = summaryQuery.data;
  if (summary.units.length === 0) {
    return <EmptyState title={t('state.noUnitsTitle')} body={t('state.noUnitsBody')} />;
  }
  const toolbar = (
    <AsOfToolbar
      summary={summary}
      units={units}
      locale={locale}
      isFetching={summaryQuery.isPlaceholderData}
      onChange={setAsOf}
    />
  );
  if (unitId !== null) {
    return (
      <>
        {toolbar}
        <UnitPage summary={summary} unitId={unitId} locale={locale} chartSize={chartSize} />
      </>
    );
  }
  return (
    <>
      {toolbar}
      <YearFigures summary={summary} units={units} locale={locale} chartSize={chartSize} />
    </>
  );
}

/** The "as of" quarter (the API's default until one is picked) and the pace thresholds. */
function AsOfToolbar({
  summary,
  units,
  locale,
  isFetching,
  onChange,
}: {
  summary: Summary;
  units: Unit[];
  locale: Locale;
  isFetching: boolean;
  onChange: (quarter: Quarter) => void;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const permissions = useMemo(() => permissionsOf(user, units), [user, units]);
  const selectId = useId();
  return (
    <div className="as-of-bar">
      <div className="field field--inline">
        <label htmlFor={selectId}>{t('analysis.asOf')}</label>
        <select
          id={selectId}
          value={summary.selectedQuarter}
          onChange={(event) => onChange(Number(event.target.value) as Quarter)}
        >
          {([1, 2, 3, 4] as const).map((quarter) => (
            <option key={quarter} value={quarter}>
              {formatQuarter(quarter, summary.year, locale)}
            </option>
          ))}
        </select>
        {isFetching && (
          <span className="as-of-bar__loading" role="status">
            {t('analysis.loading')}
          </span>
        )}
      </div>
      <PaceSettings
        thresholds={summary.thresholds}
        canEdit={permissions.canLockQuarter}
        locale={locale}
      />
    </div>
  );
}

function YearFigures({
  summary,
  units,
  locale,
  chartSize,
}: {
  summary: Summary;
  units: Unit[];
  locale: Locale;
  chartSize: Props['chartSize'];
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const permissions = useMemo(() => permissionsOf(user, units), [user, units]);
  const locksQuery = useLocksQuery(summary.year);
  const chartTitleId = useId();
  // Nine units' columns do not fit a phone: there the units go down the side instead.
  const isPhone = useMediaQuery('(max-width: 600px)');
  const tableTitleId = useId();
  const chartData = useMemo(
    () =>
      buildAchievementChartData(summary, locale, {
        othersName: (count) => t('analysis.others', { count }),
        othersCode: (count) => t('analysis.othersShort', { count }),
      }),
    [summary, locale, t],
  );
  const unitOptions = useMemo<UnitOption[]>(
    () => summary.units.map(({ unitId, code, name, depth }) => ({ id: unitId, code, name, depth })),
    [summary],
  );

  return (
    <>
      <ExportToolbar summary={summary} locale={locale} />
      <HeadlineCards summary={summary} locale={locale} />

      <ForecastPanel
        units={summary.units}
        year={summary.year}
        locale={locale}
        chartSize={chartSize}
      />

      <section className="panel" aria-labelledby={chartTitleId}>
        <h2 id={chartTitleId}>{t('chart.title')}</h2>
        <p className="panel__description">{t('chart.description')}</p>
        {chartData.hasValues ? (
          <div className="chart-scroll">
            <div
              className={isPhone ? 'chart-frame chart-frame--bars' : 'chart-frame'}
              data-chart="achievement"
            >
              <AchievementChart
                data={chartData}
                locale={locale}
                layout={isPhone ? 'bars' : 'columns'}
                width={chartSize?.width}
                height={chartSize?.height}
              />
            </div>
          </div>
        ) : (
          <p className="panel__empty">{t('chart.empty')}</p>
        )}
      </section>

      <RankingPanel summary={summary} locale={locale} />

      <section className="panel" aria-labelledby={tableTitleId}>
        <h2 id={tableTitleId}>{t('table.title')}</h2>
        <SummaryTable
          summary={summary}
          locks={locksQuery.data ?? []}
          canLock={permissions.canLockQuarter}
          locale={locale}
          labelledBy={tableTitleId}
        />
      </section>

      <EntryForms
        year={summary.year}
        units={units}
        options={unitOptions}
        defaultQuarter={summary.asOfQuarter ?? 1}
        locale={locale}
      />
    </>
  );
}

/**
 * The forms this user may use: the plan form for directors and admins, the
 * actual form with only the units they may write. A line says why a form is absent.
 */
function EntryForms({
  year,
  units,
  options,
  defaultQuarter,
  locale,
}: {
  year: number;
  units: Unit[];
  /** Every unit, in dashboard order. */
  options: UnitOption[];
  defaultQuarter: Quarter;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const permissions = useMemo(() => permissionsOf(user, units), [user, units]);
  const actualOptions = useMemo(() => {
    const writable = options.filter((option) => permissions.writableUnitIds.has(option.id));
    // Indent from the user's own top unit, not from the institute they do not lead.
    const top = Math.min(...writable.map((option) => option.depth));
    return writable.map((option) => ({ ...option, depth: option.depth - top }));
  }, [options, permissions]);
  const hasPlanForm = permissions.canWritePlan;
  const hasActualForm = actualOptions.length > 0;
  const entriesQuery = useEntriesQuery(year);
  const locksQuery = useLocksQuery(year);
  const titleId = useId();

  const notes: string[] = [];
  if (!hasPlanForm && !hasActualForm) notes.push(t('forms.readOnly'));
  else if (!hasPlanForm) notes.push(t('forms.noPlanForm'));
  else if (!hasActualForm) notes.push(t('forms.noActualForm'));

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('forms.title')}</h2>
      {notes.map((note) => (
        <p key={note} className="panel__note">
          {note}
        </p>
      ))}
      {entriesQuery.isError && (
        <ErrorState error={entriesQuery.error} onRetry={() => void entriesQuery.refetch()} />
      )}
      {(hasPlanForm || hasActualForm) && (
        <div className="forms">
          {hasPlanForm && (
            <PlanForm year={year} units={options} entries={entriesQuery.data} locale={locale} />
          )}
          {hasActualForm && (
            <ActualForm
              year={year}
              units={actualOptions}
              defaultQuarter={defaultQuarter}
              entries={entriesQuery.data}
              locks={locksQuery.data}
              locale={locale}
            />
          )}
        </div>
      )}
    </section>
  );
}
