import type { SessionUser } from '@targetline/contract';
import { canImport, canManageUsers } from '@targetline/core';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitsQuery, useYearsQuery } from '../api/hooks';
import { hrefOf, useView, type View } from '../components/use-view';
import { useLocale } from '../i18n/use-locale';
import { AdminPage } from '../pages/admin/AdminPage';
import { Dashboard } from '../pages/dashboard/DashboardPage';
import { ImportPage } from '../pages/import/ImportPage';
import { MyUnit } from '../pages/my-unit/MyUnitPage';
import { useCurrentUser } from '../session/current-user';
import { EmptyState, ErrorState, LoadingState } from '../ui/StateMessages';
import { Header } from './Header';

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
  const views = viewsOf(user);
  const view: View = views.includes(requestedView) ? requestedView : 'dashboard';

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
  } else if (view === 'admin') {
    content = <AdminPage locale={locale} />;
  } else if (view === 'import') {
    content = <ImportPage year={year} locale={locale} />;
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
        nav={views.length > 1 && <ViewNav view={view} views={views} />}
      />
      <main className="app-main">{content}</main>
    </div>
  );
}

/**
 * The pages a user has: "My unit" for unit leads (who have a unit of their own to look
 * after), the import for anyone who may write a figure, administration for admins.
 */
function viewsOf(user: SessionUser): View[] {
  const actor = { ...user, isDisabled: false };
  const views: View[] = ['dashboard'];
  if (user.role === 'unit_lead') views.push('my-unit');
  // The API's own rule: it refuses anyone else's dry run with 403.
  if (canImport(actor)) views.push('import');
  if (canManageUsers(actor)) views.push('admin');
  return views;
}

const VIEW_LABELS = {
  dashboard: 'header.dashboard',
  'my-unit': 'header.myUnit',
  import: 'header.import',
  admin: 'header.admin',
} as const satisfies Record<View, string>;

function ViewNav({ view, views }: { view: View; views: View[] }) {
  const { t } = useTranslation();
  return (
    <nav className="view-nav" aria-label={t('header.views')}>
      {views.map((item) => (
        <a key={item} href={hrefOf(item)} aria-current={item === view ? 'page' : undefined}>
          {t(VIEW_LABELS[item])}
        </a>
      ))}
    </nav>
  );
}
