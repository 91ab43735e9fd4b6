import {
  formatAmountFull,
  formatPercent,
  formatQuarter,
  type Locale,
  type QuarterSummary,
  type YearSummary,
} from '@targetline/core';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuarterLock } from '../api/types';
import { achievementStatus } from './achievement-status';
import { QuarterLockControl } from './QuarterLockControl';

type Props = {
  summary: YearSummary;
  /** The year's locked quarters (empty while loading). */
  locks: readonly QuarterLock[];
  /** Show the lock / unlock control under each quarter (directors, admins). */
  canLock: boolean;
  locale: Locale;
  /** Id of the heading that names the table. */
  labelledBy: string;
};

const STATUS_SYMBOL = { met: '✓', notMet: '▼' } as const;

function AchievedCell({ achieved, locale }: { achieved: number | null; locale: Locale }) {
  const { t } = useTranslation();
  const status = achievementStatus(achieved);
  return (
    <td className={status ? `num achieved achieved--${status}` : 'num achieved'}>
      {formatPercent(achieved, locale)}
      {status && (
        <span className="status">
          <span aria-hidden="true">{STATUS_SYMBOL[status]}</span> {t(`table.${status}`)}
        </span>
      )}
    </td>
  );
}

function QuarterCells({ quarter, locale }: { quarter: QuarterSummary; locale: Locale }) {
  return (
    <>
      <td className="num quarter-start">{formatAmountFull(quarter.target, locale)}</td>
      <td className="num">{formatAmountFull(quarter.actual, locale)}</td>
      <AchievedCell achieved={quarter.achieved} locale={locale} />
    </>
  );
}

/** Every unit's figures for the year, indented by depth, parents in bold. */
export function SummaryTable({ summary, locks, canLock, locale, labelledBy }: Props) {
  const { t } = useTranslation();
  const parentIds = new Set(summary.units.map((unit) => unit.parentId));

  return (
    // Chrome and Firefox make a scrolling box keyboard-focusable themselves.
    <div className="table-scroll">
      <table className="summary-table" aria-labelledby={labelledBy}>
        <caption>{t('table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="unit-col">
              {t('table.unit')}
            </th>
            <th scope="col" rowSpan={2} className="num">
              {t('table.annualPlan')}
            </th>
            {([1, 2, 3, 4] as const).map((quarter) => (
              <th key={quarter} scope="colgroup" colSpan={3} className="quarter-start group">
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
            <th scope="col" rowSpan={2} className="num">
              {t('table.percentOfPlan')}
            </th>
          </tr>
          <tr>
            {([1, 2, 3, 4] as const).map((quarter) => (
              <QuarterHeadings key={quarter} />
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.units.map((unit) => {
            const isParent = parentIds.has(unit.unitId);
            return (
              <tr key={unit.unitId} className={isParent ? 'is-parent' : undefined}>
                <th
                  scope="row"
                  className="unit-col"
                  style={{ '--depth': unit.depth } as CSSProperties}
                >
                  <span className="unit-name">{unit.name}</span>
                  <span className="unit-code">{unit.code}</span>
                </th>
                <td className="num">{formatAmountFull(unit.annualPlan, locale)}</td>
                {unit.quarters.map((quarter) => (
                  <QuarterCells key={quarter.quarter} quarter={quarter} locale={locale} />
                ))}
                <td className="num quarter-start">{formatAmountFull(unit.ytdActual, locale)}</td>
                <td className="num achieved">{formatPercent(unit.achieved, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function QuarterHeadings() {
  const { t } = useTranslation();
  return (
    <>
      <th scope="col" className="num quarter-start">
        {t('table.target')}
      </th>
      <th scope="col" className="num">
        {t('table.actual')}
      </th>
      <th scope="col" className="num">
        {t('table.achieved')}
      </th>
    </>
  );
}
