import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import type { Summary } from '@targetline/contract';
import { formatQuarter, type Locale, type Quarter, type Unit } from '@targetline/core';
import { memo, useCallback, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { HeadlineCards } from '../../analysis/HeadlineCards';
import { SummaryFrame } from '../../analysis/SummaryFrame';
import { WhatIfPanel } from '../../analysis/WhatIfPanel';
import { useEntriesQuery, useLocksQuery, usePrefetchOtherQuarters } from '../../api/hooks';
import { type TableView, tableSearchOf, tableViewOf } from '../../app/search';
import { useShell } from '../../app/shell-context';
import { UnitLinkAsOf } from '../../app/UnitLink';
import { AchievementChart } from '../../charts/AchievementChart';
import { BulletChartPanel } from '../../charts/BulletChart';
import { buildAchievementChartData } from '../../charts/build-achievement-chart-data';
import { ForecastPanel } from '../../charts/ForecastChart';
import { VariancePanel } from '../../charts/VarianceChart';
import { ActualForm } from '../../forms/ActualForm';
import { PlanForm, type Season } from '../../forms/PlanForm';
import { type UnitOption, unitOptionsFromUnits } from '../../forms/unit-options';
import { permissionsOf, useCurrentUser } from '../../session/current-user';
import { EmptyState, ErrorState, LoadingState } from '../../ui/StateMessages';
import { useAfterPaint } from '../../ui/use-after-paint';
import { useMediaQuery } from '../../ui/use-media-query';
import { useShownFirst } from '../../ui/use-shown-first';
import { ExportToolbar } from './ExportToolbar';
import { RankingPanel } from './RankingPanel';
import { SummaryTable } from './SummaryTable';

/** What the dashboard keeps in the address: the "as of" quarter and the table's view. */
type DashboardState = {
  asOf: Quarter | undefined;
  onAsOfChange: (quarter: Quarter) => void;
  table: TableView;
  onTableChange: (view: TableView, options: { replace: boolean }) => void;
};

type Props = {
  /** The year shown; undefined when no year has figures yet. */
  year: number | undefined;
  units: Unit[];
  locale: Locale;
  /** Chart size for tests (jsdom cannot measure); omitted in the app, where it fills its column. */
  chartSize: { width: number; height: number } | undefined;
} & DashboardState;

/** The dashboard at `/`, its state in the address (`?year=2023&asOf=2&sort=pace&dir=desc`). */
export function DashboardRoute() {
  const { year, units, locale, chartSize } = useShell();
  const search = useSearch({ from: '/' });
  const navigate = useNavigate({ from: '/' });
  // The table's view and the handlers keep their identity while only the "as of" quarter
  // changes: the charts and the table below (memoised) then wait for their own turn to draw.
  const { sort, dir, status, q, quarters } = search;
  const table = useMemo(
    () => tableViewOf({ sort, dir, status, q, quarters }),
    [sort, dir, status, q, quarters],
  );
  const onAsOfChange = useCallback(
    // The same page in another view: the reader stays where they are on it.
    (asOf: Quarter) =>
      void navigate({ search: (previous) => ({ ...previous, asOf }), resetScroll: false }),
    [navigate],
  );
  const onTableChange = useCallback(
    (view: TableView, { replace }: { replace: boolean }) =>
      void navigate({
        search: (previous) => ({ ...previous, ...tableSearchOf(view) }),
        replace,
        resetScroll: false,
      }),
    [navigate],
  );
  return (
    <Dashboard
      year={year}
      units={units}
      locale={locale}
      chartSize={chartSize}
      asOf={search.asOf}
      onAsOfChange={onAsOfChange}
      table={table}
      onTableChange={onTableChange}
    />
  );
}

/**
 * The director's page, as of a quarter: headline cards, forecast, chart, ranking, table and
 * the entry forms.
 */
export function Dashboard({ year, units, locale, ...rest }: Props) {
  if (year === undefined) return <FirstPlan units={units} locale={locale} />;
  return <YearDashboard key={year} year={year} units={units} locale={locale} {...rest} />;
}

/** No year has figures yet: explain, and offer the plan form for this calendar year. */
function FirstPlan({ units, locale }: { units: Unit[]; locale: Locale }) {
  const { t } = useTranslation();
  const year = new Date().getFullYear();
  const options = useMemo(() => unitOptionsFromUnits(units), [units]);
  return (
    <>
      <EmptyState title={t('state.noYearsTitle')} body={t('state.noYearsBody', { year })} />
      <EntryForms
        year={year}
        units={units}
        options={options}
        defaultQuarter={1}
        locale={locale}
        seasons={NO_SEASONS}
      />
    </>
  );
}

/** A year without a summary has no seasons to phase a plan by. */
const NO_SEASONS: ReadonlyMap<number, Season> = new Map();

function YearDashboard({
  year,
  units,
  locale,
  chartSize,
  asOf,
  onAsOfChange,
  table,
  onTableChange,
}: {
  year: number;
  units: Unit[];
  locale: Locale;
  chartSize: Props['chartSize'];
} & DashboardState) {
  // The picked quarter and table view are drawn first and written to the address after that
  // has been painted (useShownFirst).
  const [shownAsOf, onPick] = useShownFirst(asOf, onAsOfChange);
  const [shownTable, onTableView] = useShownFirst(table, onTableChange);
  return (
    <SummaryFrame year={year} asOf={shownAsOf} onAsOfChange={onPick} units={units} locale={locale}>
      {(summary) => (
        <YearFigures
          summary={summary}
          asOf={shownAsOf}
          units={units}
          locale={locale}
          chartSize={chartSize}
          table={shownTable}
          onTableChange={onTableView}
        />
      )}
    </SummaryFrame>
  );
}

/** One summary's figures and the table's view: what the cards and the panels below draw. */
type FiguresProps = {
  summary: Summary;
  units: Unit[];
  locale: Locale;
  chartSize: Props['chartSize'];
} & Pick<DashboardState, 'table' | 'onTableChange'>;

function YearFigures({
  summary,
  asOf,
  units,
  locale,
  chartSize,
  table,
  onTableChange,
}: FiguresProps & Pick<DashboardState, 'asOf'>) {
  const { t } = useTranslation();
  // What is above the fold (the cards) is drawn with the summary at once; the charts, the
  // ranking, the table and the forms, 12,000 elements for 1,000 units, only after that has
  // been painted (bench/browser.ts: drawing them in the same commit held the first paint of
  // the figures, and a new quarter's, for seconds on a slow CPU). Until they have caught up
  // with another quarter they keep the old one's figures, dimmed and marked busy.
  // The panels' links to units carry the address's quarter: it is drawn with them.
  const view = useMemo(() => ({ summary, links: { asOf } }), [summary, asOf]);
  const drawn = useAfterPaint(view);
  const isRedrawing = drawn !== view;
  usePrefetchOtherQuarters(summary, !isRedrawing);

  const top = useMemo(
    () => (
      <>
        <HeadlineCards summary={summary} locale={locale} />

        <ExportToolbar summary={summary} locale={locale} />
        <p className="present-link">
          <Link
            to="/present"
            search={{ quarter: summary.selectedQuarter }}
            className="button-secondary"
            aria-label={t('present.openLabel', {
              quarter: formatQuarter(summary.selectedQuarter, summary.year, locale),
            })}
          >
            {t('present.open')}
          </Link>
        </p>
        {/* Keyed on the view: another year or quarter starts with empty amounts. */}
        <WhatIfPanel
          key={`${summary.year}-${summary.selectedQuarter}`}
          summary={summary}
          locale={locale}
        />
      </>
    ),
    [summary, locale, t],
  );

  return (
    <>
      {top}
      {/* Present before it has words, so that screen readers announce them when they come.
          The catalogue (core's words/) has no wording of its own for a redraw yet. */}
      <p className="panels-status" role="status">
        {drawn !== null && isRedrawing ? t('analysis.loading') : ''}
      </p>
      {drawn === null ? (
        <div className="panels-pending" aria-busy="true">
          <LoadingState />
        </div>
      ) : (
        <div
          className="panels"
          aria-busy={isRedrawing}
          data-quarter={drawn.summary.selectedQuarter}
        >
          <UnitLinkAsOf.Provider value={drawn.links}>
            <Panels
              summary={drawn.summary}
              units={units}
              locale={locale}
              chartSize={chartSize}
              table={table}
              onTableChange={onTableChange}
            />
          </UnitLinkAsOf.Provider>
        </div>
      )}
    </>
  );
}

/**
 * Everything below the cards, for one summary (the one drawn, which may lag the cards'):
 * memoised, so that the cards' render of another quarter does not draw it again.
 */
const Panels = memo(function Panels({
  summary,
  units,
  locale,
  chartSize,
  table,
  onTableChange,
}: FiguresProps) {
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
  const seasons = useMemo(
    () =>
      new Map(
        summary.units.flatMap(
          (unit): Array<[number, Season]> =>
            unit.forecasts.shares === null
              ? []
              : [
                  [
                    unit.unitId,
                    {
                      shares: unit.forecasts.shares,
                      years: unit.forecasts.assumptions.seasonal.years,
                    },
                  ],
                ],
        ),
      ),
    [summary],
  );
  const unitOptions = useMemo<UnitOption[]>(
    () => summary.units.map(({ unitId, code, name, depth }) => ({ id: unitId, code, name, depth })),
    [summary],
  );

  // A sort, filter or search of the table changes the address, which renders this page
  // again: the panels above and the forms below depend on none of it, and drawing their charts
  // of 1,000 units again took most of a sort's time (bench/browser.ts).
  const charts = useMemo(
    () => (
      <>
        <BulletChartPanel
          summary={summary}
          locale={locale}
          isPhone={isPhone}
          width={chartSize?.width}
        />

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

        <VariancePanel
          summary={summary}
          locale={locale}
          isPhone={isPhone}
          width={chartSize?.width}
        />

        <RankingPanel summary={summary} locale={locale} />
      </>
    ),
    [summary, locale, isPhone, chartSize, chartData, chartTitleId, t],
  );
  const forms = useMemo(
    () => (
      <EntryForms
        year={summary.year}
        units={units}
        options={unitOptions}
        defaultQuarter={summary.asOfQuarter ?? 1}
        locale={locale}
        seasons={seasons}
      />
    ),
    [summary.year, summary.asOfQuarter, units, unitOptions, locale, seasons],
  );

  return (
    <>
      {charts}
      <section className="panel" aria-labelledby={tableTitleId}>
        <h2 id={tableTitleId}>{t('table.title')}</h2>
        <SummaryTable
          summary={summary}
          locks={locksQuery.data ?? []}
          canLock={permissions.canLockQuarter}
          locale={locale}
          labelledBy={tableTitleId}
          view={table}
          onViewChange={onTableChange}
        />
      </section>

      {forms}
    </>
  );
});

/**
 * The forms this user may use: the plan form for directors and admins, the
 * actual form with only the units they may write. A line says why a form is absent.
 */
function EntryForms({
  year,
  units,
  options,
  seasons,
  defaultQuarter,
  locale,
}: {
  year: number;
  units: Unit[];
  /** Every unit, in dashboard order. */
  options: UnitOption[];
  defaultQuarter: Quarter;
  locale: Locale;
  /** Each unit's seasons from its earlier years, for phasing a plan into quarter targets. */
  seasons: ReadonlyMap<number, Season>;
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
            <PlanForm
              year={year}
              units={options}
              entries={entriesQuery.data}
              locale={locale}
              seasons={seasons}
            />
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
