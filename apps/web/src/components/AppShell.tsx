import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitsQuery, useYearsQuery } from '../api/hooks';
import { useLocale } from '../i18n/use-locale';
import { useCurrentUser } from '../session/current-user';
import { Dashboard } from './Dashboard';
import { Header } from './Header';
import { MyUnit } from './MyUnit';
import { EmptyState, ErrorState, LoadingState } from './StateMessages';
import { hrefOf, useView, type View } from './use-view';

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
  const user = useCurrentUser();
  const [requestedView] = useView();
  // Only unit leads have a unit of their own to look after.
  const hasMyUnit = user.role === 'unit_lead';
  const view: View = hasMyUnit ? requestedView : 'dashboard';

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
  } else if (view === 'my-unit') {
    content = <MyUnit year={year} units={unitsQuery.data} locale={locale} />;
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
        nav={hasMyUnit && <ViewNav view={view} />}
      />
      <main className="app-main">{content}</main>
    </div>
  );
}

function ViewNav({ view }: { view: View }) {
  const { t } = useTranslation();
  const views: { view: View; label: string }[] = [
    { view: 'dashboard', label: t('header.dashboard') },
    { view: 'my-unit', label: t('header.myUnit') },
  ];
  return (
    <nav className="view-nav" aria-label={t('header.views')}>
      {views.map((item) => (
        <a
          key={item.view}
          href={hrefOf(item.view)}
          aria-current={item.view === view ? 'page' : undefined}
        >
          {item.label}
        </a>
      ))}
    </nav>
  );
}
