import type { Summary } from '@targetline/contract';
import { formatQuarter, type Locale, type Quarter, type Unit } from '@targetline/core';
import { type ReactNode, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSummaryQuery } from '../api/hooks';
import { permissionsOf, useCurrentUser } from '../session/current-user';
import { EmptyState, ErrorState, LoadingState } from '../ui/StateMessages';
import { PaceSettings } from './PaceSettings';
import './analysis.css';

type Props = {
  year: number;
  /** The quarter the address names; the API's default while it names none. */
  asOf: Quarter | undefined;
  onAsOfChange: (quarter: Quarter) => void;
  units: Unit[];
  locale: Locale;
  /** The page below the "as of" bar, once the year's summary has loaded. */
  children: (summary: Summary) => ReactNode;
};

/**
 * The year's summary as of a quarter, for the dashboard and a unit's page: loading and error
 * states, the "as of" bar with the pace thresholds, then the page.
 */
export function SummaryFrame({ year, asOf, onAsOfChange, units, locale, children }: Props) {
  const { t } = useTranslation();
  const summaryQuery = useSummaryQuery(year, asOf);

  if (summaryQuery.isPending) return <LoadingState />;
  if (summaryQuery.isError) {
    return <ErrorState error={summaryQuery.error} onRetry={() => void summaryQuery.refetch()} />;
  }
  const summary = summaryQuery.data;
  if (summary.units.length === 0) {
    return <EmptyState title={t('state.noUnitsTitle')} body={t('state.noUnitsBody')} />;
  }
  return (
    <>
      <AsOfToolbar
        summary={summary}
        units={units}
        locale={locale}
        isFetching={summaryQuery.isPlaceholderData}
        onChange={onAsOfChange}
      />
      {children(summary)}
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
