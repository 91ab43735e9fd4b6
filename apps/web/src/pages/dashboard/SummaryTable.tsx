import type { QuarterLock, Summary, SummaryUnit } from '@targetline/contract';
import {
  EMPTY,
  formatAmountBillions,
  formatAmountFull,
  formatPercent,
  formatQuarter,
  hasDistinctAssignedPlan,
  type Locale,
  type QuarterSummary,
} from '@targetline/core';
import type { TFunction } from 'i18next';
import {
  type CSSProperties,
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { TableView } from '../../app/search';
import { UnitLink } from '../../app/UnitLink';
import { achievementStatus } from '../../ui/achievement-status';
import { PaceStatusBadge } from '../../ui/PaceStatusBadge';
import { useAfterPaint } from '../../ui/use-after-paint';
import { QuarterLockControl } from './QuarterLockControl';
import {
  initiallyCollapsed,
  type Sort,
  type SortKey,
  type StatusFilter,
  visibleRows,
} from './summary-table-rows';

type Props = {
  summary: Summary;
  /** The year's locked quarters (empty while loading). */
  locks: readonly QuarterLock[];
  /** Show the lock / unlock control under each quarter (directors, admins). */
  canLock: boolean;
  locale: Locale;
  /** Id of the heading that names the table. */
  labelledBy: string;
  /** Sort, status filter and search: the page keeps them in the address. */
  view: TableView;
  /** A new view; `replace` while the search is typed, so Back skips the keystrokes. */
  onViewChange: (view: TableView, options: { replace: boolean }) => void;
};

const STATUS_SYMBOL = { met: '✓', notMet: '▼' } as const;
const STATUS_FILTERS: StatusFilter[] = ['all', 'on_track', 'at_risk', 'behind', 'none'];
const QUARTERS = [1, 2, 3, 4] as const;
/**
 * Rows of a flat list (sorted, filtered, searched) drawn before "show all": a sorted list of 1,000 units took 7 s to draw on a laptop-class
 * CPU (bench/browser.ts), 0.8 s with 100 rows and 0.6 s with 50; the top of a sort is what is read.
 */
export const FIRST_ROWS = 50;
/**
 * Of those, the rows drawn in the render that answers the click: more than a 768-pixel screen
 * holds. The rest of the first rows follow once that has been painted (a sort drew its 50 rows
 * in 0.4 s at a quarter of the CPU, bench/browser.ts).
 */
export const FIRST_PAINT_ROWS = 12;

/**
 * An amount as the table shows it: tỷ with one decimal (the caption states the unit), the full
 * đồng in its tooltip and, in place of the short figure, for screen readers. `words` puts the
 * figure into a sentence ("KH gốc: …") in both forms.
 */
function Amount({
  amount,
  locale,
  t,
  words = (figure) => figure,
}: {
  amount: number | null;
  locale: Locale;
  /** The row's: a hook per cell was a tenth of a sort's time (bench/browser.ts, CPU profile). */
  t: TFunction;
  words?: (figure: string) => string;
}) {
  if (amount === null) return <>{words(EMPTY)}</>;
  const full = words(t('table.amountFull', { amount: formatAmountFull(amount, locale) }));
  return (
    <>
      <span title={full} aria-hidden="true">
        {words(formatAmountBillions(amount, locale))}
      </span>
      <span className="visually-hidden">{full}</span>
    </>
  );
}

function AchievedCell({
  achieved,
  locale,
  t,
  quarter,
}: {
  achieved: number | null;
  locale: Locale;
  t: TFunction;
  /** Set on a quarter's cell, so that printing can keep only the selected quarter. */
  quarter?: number;
}) {
  const status = achievementStatus(achieved);
  return (
    <td
      className={status ? `num achieved achieved--${status}` : 'num achieved'}
      data-quarter={quarter}
    >
      {formatPercent(achieved, locale)}
      {status && (
        <span className="status">
          <span aria-hidden="true">{STATUS_SYMBOL[status]}</span> {t(`table.${status}`)}
        </span>
      )}
    </td>
  );
}

/**
 * A quarter's target, actual and achievement. An actual that is only part of the quarter (some
 * reporting units have not reported) says how many have; an estimate says so: neither reads as
 * the quarter's final revenue.
 */
function QuarterCells({
  quarter,
  locale,
  t,
}: {
  quarter: QuarterSummary;
  locale: Locale;
  t: TFunction;
}) {
  const isPartial = quarter.actual !== null && quarter.missingUnitIds.length > 0;
  return (
    <>
      <td className="num quarter-start" data-quarter={quarter.quarter}>
        <Amount amount={quarter.target} locale={locale} t={t} />
      </td>
      <td className="num" data-quarter={quarter.quarter}>
        <Amount amount={quarter.actual} locale={locale} t={t} />
        {isPartial && (
          <span className="cell-note cell-note--partial">
            <span aria-hidden="true">* </span>
            {t('analysis.table.partial', {
              reported: quarter.reportedUnits,
              expected: quarter.expectedUnits,
            })}
          </span>
        )}
        {quarter.actual !== null && quarter.isEstimate && (
          <span className="cell-note">
            <span aria-hidden="true">~ </span>
            {t('analysis.table.estimate')}
          </span>
        )}
      </td>
      <AchievedCell achieved={quarter.achieved} locale={locale} t={t} quarter={quarter.quarter} />
    </>
  );
}

/** A column heading that sorts: ascending, descending, then back to the tree. */
function SortHeader({
  sortKey,
  sort,
  onSort,
  className,
  children,
}: {
  sortKey: SortKey;
  sort: Sort;
  onSort: (key: SortKey) => void;
  className: string;
  children: ReactNode;
}) {
  const direction = sort?.key === sortKey ? sort.direction : 'none';
  return (
    <th scope="col" rowSpan={2} className={className} aria-sort={direction}>
      <button type="button" className="sort-button" onClick={() => onSort(sortKey)}>
        {children}
        <span className={`sort-icon sort-icon--${direction}`} aria-hidden="true" />
      </button>
      {/* Paper gets the heading as text: Chromium leaves buttons out of the header it repeats
          on each printed page. */}
      <span className="sort-print-label" aria-hidden="true">
        {children}
      </span>
    </th>
  );
}

/**
 * Every unit's figures for the year: a tree (parents expand and collapse) that turns into
 * a flat list while sorted, filtered by status or searched. All figures are the API's.
 */
export function SummaryTable({
  summary,
  locks,
  canLock,
  locale,
  labelledBy,
  view,
  onViewChange,
}: Props) {
  const { t } = useTranslation();
  const searchId = useId();
  const filterId = useId();
  const parentIds = useMemo(() => new Set(summary.units.map((unit) => unit.parentId)), [summary]);
  const [collapsed, setCollapsed] = useState(() => initiallyCollapsed(summary.units));
  const { sort, status } = view;
  // The search box answers each keystroke from its own state; the address follows. What
  // comes back from the address is taken only when it is not what was typed (Back, a link).
  const [search, setSearch] = useState(view.search);
  const sentSearch = useRef(view.search);
  useEffect(() => {
    if (view.search !== sentSearch.current) {
      sentSearch.current = view.search;
      setSearch(view.search);
    }
  }, [view.search]);
  // Back to the first rows whenever the view changes (another sort, filter, search).
  const [isAllRows, setIsAllRows] = useState(false);
  const viewKey = `${sort?.key}-${sort?.direction}-${status}-${search}`;
  const [shownViewKey, setShownViewKey] = useState(viewKey);
  if (shownViewKey !== viewKey) {
    setShownViewKey(viewKey);
    setIsAllRows(false);
  }
  // A printed table is the whole table: the browser's print (the export bar's "In" too) draws
  // every row first, since paper cannot press "show all".
  useEffect(() => {
    const showAllForPrint = () => setIsAllRows(true);
    window.addEventListener('beforeprint', showAllForPrint);
    return () => window.removeEventListener('beforeprint', showAllForPrint);
  }, []);
  const { rows: allRows, isTree } = visibleRows({
    units: summary.units,
    collapsed,
    sort,
    status,
    search,
    locale,
  });
  // The tree is drawn whole: it opens on the first level, and a parent is opened by hand.
  const rows = isTree || isAllRows ? allRows : allRows.slice(0, FIRST_ROWS);
  // A new flat list draws its top rows first; printing and "show all" draw every row at once.
  const isRestDrawn = useAfterPaint(viewKey) === viewKey;
  const drawnRows = isTree || isAllRows || isRestDrawn ? rows : rows.slice(0, FIRST_PAINT_ROWS);
  // The same quarter of the year before: the figure the API compares this quarter with. Kept
  // on one line ("Quý I/2022") when the heading wraps.
  const sameQuarterLastYear = formatQuarter(
    summary.selectedQuarter,
    summary.year - 1,
    locale,
  ).replaceAll(' ', '\u00a0');
  // A laptop screen holds one quarter's columns beside the year's; all four scroll sideways.
  const shownQuarters = useMemo(
    () => (view.isAllQuarters ? QUARTERS : [summary.selectedQuarter]),
    [view.isAllQuarters, summary.selectedQuarter],
  );
  // The group's plan gets its column only where some unit has one other than its own plan.
  const hasAssigned = summary.units.some(hasDistinctAssignedPlan);

  const onSort = (key: SortKey) => {
    const next: Sort =
      sort?.key !== key
        ? { key, direction: 'ascending' }
        : sort.direction === 'ascending'
          ? { key, direction: 'descending' }
          : null;
    onViewChange({ ...view, search, sort: next }, { replace: false });
  };
  const onSearch = (text: string) => {
    setSearch(text);
    sentSearch.current = text;
    onViewChange({ ...view, search: text }, { replace: true });
  };
  const toggle = useCallback(
    (unitId: number) =>
      setCollapsed((current) => {
        const next = new Set(current);
        if (next.has(unitId)) next.delete(unitId);
        else next.add(unitId);
        return next;
      }),
    [],
  );
  const sortProps = { sort, onSort };

  return (
    <>
      <div className="table-tools">
        <div className="field field--inline">
          <label htmlFor={searchId}>{t('analysis.table.search')}</label>
          <input
            id={searchId}
            type="search"
            value={search}
            placeholder={t('analysis.table.searchPlaceholder')}
            onChange={(event) => onSearch(event.target.value)}
          />
        </div>
        <div className="field field--inline">
          <label htmlFor={filterId}>{t('analysis.table.filter')}</label>
          <select
            id={filterId}
            value={status}
            onChange={(event) =>
              onViewChange(
                { ...view, search, status: event.target.value as StatusFilter },
                { replace: false },
              )
            }
          >
            {STATUS_FILTERS.map((value) => (
              <option key={value} value={value}>
                {value === 'all' ? t('analysis.table.all') : t(`analysis.status.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="field--check">
          <input
            type="checkbox"
            checked={view.isAllQuarters}
            onChange={(event) =>
              onViewChange(
                { ...view, search, isAllQuarters: event.target.checked },
                { replace: false },
              )
            }
          />
          {t('table.allQuarters')}
        </label>
        <p className="table-tools__count" aria-live="polite">
          {t('analysis.table.showing', { shown: rows.length, total: summary.units.length })}
        </p>
      </div>
      <p className="panel__note">{t('analysis.table.sortHint')}</p>
      {/* Chrome and Firefox make a scrolling box keyboard-focusable themselves. */}
      <div className="table-scroll">
        {/* On paper only the selected quarter's columns are printed (see analysis.css). */}
        <table
          className="summary-table detail-table"
          aria-labelledby={labelledBy}
          data-print-quarter={summary.selectedQuarter}
        >
          <caption>
            <span className="detail-table__unit">{t('table.captionBillions')}</span>
          </caption>
          <thead>
            <tr>
              <SortHeader sortKey="name" className="unit-col" {...sortProps}>
                {t('table.unit')}
              </SortHeader>
              <SortHeader sortKey="annualPlan" className="num" {...sortProps}>
                {t('table.annualPlan')}
              </SortHeader>
              <SortHeader sortKey="pace" className="num quarter-start" {...sortProps}>
                {t('analysis.table.pace')}
              </SortHeader>
              <th scope="col" rowSpan={2} className="status-col">
                {t('analysis.table.status')}
              </th>
              <SortHeader sortKey="stillNeeded" className="num" {...sortProps}>
                {t('analysis.table.stillNeeded')}
              </SortHeader>
              <SortHeader sortKey="neededPerQuarter" className="num" {...sortProps}>
                {t('analysis.table.neededPerQuarter')}
              </SortHeader>
              <th scope="col" rowSpan={2} className="num">
                {t('analysis.table.lastYear', { quarter: sameQuarterLastYear })}
              </th>
              <SortHeader sortKey="growth" className="num" {...sortProps}>
                {t('analysis.table.growth')}
              </SortHeader>
              {shownQuarters.map((quarter) => (
                <th
                  key={quarter}
                  scope="colgroup"
                  colSpan={3}
                  className="quarter-start group"
                  data-quarter={quarter}
                >
                  <span className="quarter-heading">
                    {formatQuarter(quarter, summary.year, locale)}
                  </span>
                  <QuarterLockControl
                    year={summary.year}
                    quarter={quarter}
                    lock={locks.find((lock) => lock.quarter === quarter)}
                    canLock={canLock}
                    locale={locale}
                  />
                </th>
              ))}
              <th scope="col" rowSpan={2} className="num quarter-start">
                {t('table.ytdActual')}
              </th>
              <SortHeader sortKey="achieved" className="num" {...sortProps}>
                {t('table.percentOfPlan')}
              </SortHeader>
              {hasAssigned && (
                <th scope="col" rowSpan={2} className="num">
                  {t('table.percentOfAssigned')}
                </th>
              )}
            </tr>
            <tr>
              {shownQuarters.map((quarter) => (
                <QuarterHeadings key={quarter} quarter={quarter} />
              ))}
            </tr>
          </thead>
          <tbody>
            {drawnRows.map((unit) => (
              <UnitRow
                key={unit.unitId}
                unit={unit}
                isParent={parentIds.has(unit.unitId)}
                isTree={isTree}
                isExpanded={!collapsed.has(unit.unitId)}
                onToggle={toggle}
                shownQuarters={shownQuarters}
                hasAssignedColumn={hasAssigned}
                locale={locale}
              />
            ))}
          </tbody>
        </table>
      </div>
      {rows.length < allRows.length && (
        <p className="table-more">
          <button type="button" className="button-secondary" onClick={() => setIsAllRows(true)}>
            {t('analysis.table.showAll', { total: allRows.length })}
          </button>
        </p>
      )}
      {rows.length === 0 && <p className="panel__empty">{t('analysis.table.noMatch')}</p>}
    </>
  );
}

/**
 * One unit's row, memoised: a new order or another page of rows moves the rows already drawn
 * instead of drawing them again.
 */
const UnitRow = memo(function UnitRow({
  unit,
  isParent,
  isTree,
  isExpanded,
  onToggle,
  shownQuarters,
  hasAssignedColumn,
  locale,
}: {
  unit: SummaryUnit;
  isParent: boolean;
  isTree: boolean;
  isExpanded: boolean;
  onToggle: (unitId: number) => void;
  shownQuarters: readonly number[];
  /** Some unit of the table has a plan the group assigned: the "% KH giao" column is shown. */
  hasAssignedColumn: boolean;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const { analysis } = unit;
  const hasOriginal = unit.originalPlan !== null && unit.originalPlan !== unit.annualPlan;
  const hasUnallocated = unit.unallocated !== null && unit.unallocated !== 0;
  const hasAssigned = hasDistinctAssignedPlan(unit);
  return (
    <tr className={isParent ? 'is-parent' : undefined}>
      <th
        scope="row"
        className="unit-col"
        style={{ '--depth': isTree ? unit.depth : 0 } as CSSProperties}
      >
        {isTree && isParent && (
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={isExpanded}
            aria-label={t(isExpanded ? 'analysis.table.collapse' : 'analysis.table.expand', {
              unit: unit.name,
            })}
            onClick={() => onToggle(unit.unitId)}
          />
        )}
        <UnitLink className="unit-name" unitId={unit.unitId}>
          {unit.name}
        </UnitLink>
        <span className="unit-code">{unit.code}</span>
      </th>
      <td className="num">
        <Amount amount={unit.annualPlan} locale={locale} t={t} />
        {hasOriginal && (
          <span className="cell-note">
            <Amount
              amount={unit.originalPlan}
              locale={locale}
              t={t}
              words={(amount) => t('analysis.table.originalPlan', { amount })}
            />
          </span>
        )}
        {hasAssigned && (
          <span className="cell-note">
            <Amount
              amount={unit.assignedPlan}
              locale={locale}
              t={t}
              words={(amount) => t('analysis.table.assignedPlan', { amount })}
            />
          </span>
        )}
        {hasUnallocated && unit.unallocated !== null && (
          <span className="cell-note cell-note--allocation">
            <Amount
              amount={Math.abs(unit.unallocated)}
              locale={locale}
              t={t}
              words={(amount) =>
                unit.unallocated !== null && unit.unallocated > 0
                  ? t('analysis.table.unallocated', { amount })
                  : t('analysis.table.overAllocated', { amount })
              }
            />
          </span>
        )}
      </td>
      <td className="num quarter-start pace">{formatPercent(analysis.pace, locale)}</td>
      <td className="status-col">
        <PaceStatusBadge status={analysis.status} />
      </td>
      <td className="num">
        <Amount amount={analysis.stillNeeded} locale={locale} t={t} />
      </td>
      <td className="num">
        <Amount amount={analysis.neededPerQuarter} locale={locale} t={t} />
      </td>
      <td className="num">
        <Amount amount={unit.lastYear.sameQuarterActual} locale={locale} t={t} />
      </td>
      <td className="num">{formatGrowth(unit.lastYear.sameQuarterGrowth, locale)}</td>
      {unit.quarters
        .filter((quarter) => shownQuarters.includes(quarter.quarter))
        .map((quarter) => (
          <QuarterCells key={quarter.quarter} quarter={quarter} locale={locale} t={t} />
        ))}
      <td className="num quarter-start">
        <Amount amount={unit.ytdActual} locale={locale} t={t} />
      </td>
      <td className="num achieved">{formatPercent(unit.achieved, locale)}</td>
      {hasAssignedColumn && (
        // A dash where the unit has no plan from the group (the API's null).
        <td className="num achieved">{formatPercent(unit.achievedVsAssigned, locale)}</td>
      )}
    </tr>
  );
});

/** The API's growth ratio with its sign: "+14,0%", "−3,5%". */
export function formatGrowth(growth: number | null, locale: Locale): string {
  if (growth === null) return formatPercent(null, locale);
  const sign = growth > 0 ? '+' : growth < 0 ? '−' : '';
  return `${sign}${formatPercent(Math.abs(growth), locale)}`;
}

function QuarterHeadings({ quarter }: { quarter: number }) {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col" className="num quarter-start" data-quarter={quarter}>
        {t('table.target')}
      </th>
      <th scope="col" className="num" data-quarter={quarter}>
        {t('table.actual')}
      </th>
      <th scope="col" className="num" data-quarter={quarter}>
        {t('table.achieved')}
      </th>
    </>
  );
}
