import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitsQuery, useYearsQuery } from '../api/hooks';
import { useLocale } from '../i18n/use-locale';
import { Dashboard } from './Dashboard';
import { Header } from './Header';
import { EmptyState, ErrorState, LoadingState } from './StateMessages';

type Props = {
  /** Chart size for tests (jsdom cannot measure); omitted in the app, where it fills its column. */
  chartSize?: { width: number; height: number };
};

/** The logged-in app: header with the year, language and account, and the page below it. */
export function AppShell({ chartSize }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const yearsQuery = useYearsQuery();
  const unitsQuery = useUnitsQuery();
  const [selectedYear, setSelectedYear] = useState<number>();

  const years = yearsQuery.data ?? [];
  // Default to the latest year; a pick that no longer exists falls back to it too.
  const year =
    selectedYear !== undefined && years.includes(selectedYear) ? selectedYear : years.at(-1);
  const organisation = unitsQuery.data?.find((unit) => unit.parentId === null)?.name;

  let content: ReactNode;
  if (yearsQuery.isPending || unitsQuery.isPending) {
    content = <LoadingState />;
  } else if (yearsQuery.isError || unitsQuery.isError) {
    content = (
      <ErrorState
        error={yearsQuery.error ?? unitsQuery.error}
        onRetry={() => {
          if (yearsQuery.isError) void yearsQuery.refetch();
          if (unitsQuery.isError) void unitsQuery.refetch();
        }}
      />
    );
  } else if (unitsQuery.data.length === 0) {
    content = <EmptyState title={t('state.noUnitsTitle')} body={t('state.noUnitsBody')} />;
  } else {
    content = (
      <Dashboard year={year} units={unitsQuery.data} locale={locale} chartSize={chartSize} />
    );
  }

  return (
    <div className="app">
      <Header
        organisation={organisation}
        years={years}
        year={year}
        onYearChange={setSelectedYear}
      />
      <main className="app-main">{content}</main>
    </div>
  );
}
