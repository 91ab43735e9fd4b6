import { Link, Outlet, useNavigate, useRouterState, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnitsQuery, useYearsQuery } from '../api/hooks';
import { useLocale } from '../i18n/use-locale';
import { useCurrentUser } from '../session/current-user';
import { EmptyState, ErrorState, LoadingState } from '../ui/StateMessages';
import { useChartSize } from './chart-size';
import { Header } from './Header';
import { PAGE_PATHS, type PageName, pageOfPath, pagesOf } from './pages';
import { ShellContext, type Shell as ShellValue } from './shell-context';

/**
 * The logged-in app around every page: the header with the year, language and account, the
 * page switch, and the page below once the years and units have loaded. The router shows
 * its not-found page in the same place, so the way back is always on screen.
 */
export function Shell() {
  const { t } = useTranslation();
  const locale = useLocale();
  const yearsQuery = useYearsQuery();
  const unitsQuery = useUnitsQuery();
  const user = useCurrentUser();
  const chartSize = useChartSize();
  const requested = useSearch({ strict: false, select: (search) => search.year });
  const navigate = useNavigate();
  const pages = pagesOf(user);

  const years = yearsQuery.data ?? [];
  // The year in the address, or the latest; one that no longer exists falls back to it too.
  const year = requested !== undefined && years.includes(requested) ? requested : years.at(-1);
  const units = unitsQuery.data;
  const organisation = units?.find((unit) => unit.parentId === null)?.name;
  const shell = useMemo<ShellValue | null>(
    () => (units ? { year, units, locale, chartSize } : null),
    [year, units, locale, chartSize],
  );

  // The presentation takes the whole screen: no header, no page switch.
  const isPresenting = useRouterState({
    select: (state) => state.location.pathname === '/present',
  });

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
      <ShellContext.Provider value={shell}>
        <Outlet />
      </ShellContext.Provider>
    );
  }

  if (isPresenting) return <main className="app-main app-main--present">{content}</main>;
  return (
    <div className="app">
      <Header
        organisation={organisation}
        years={years}
        year={year}
        // Another year starts again from its own default "as of" quarter.
        onYearChange={(next) =>
          void navigate({
            to: '.',
            search: (previous) => ({ ...previous, year: next, asOf: undefined }),
          })
        }
        nav={pages.length > 1 && <PageNav pages={pages} />}
      />
      <main className="app-main">{content}</main>
    </div>
  );
}

const PAGE_LABELS = {
  dashboard: 'header.dashboard',
  review: 'header.review',
  'my-unit': 'header.myUnit',
  import: 'header.import',
  changes: 'changeLog.nav',
  admin: 'header.admin',
} as const satisfies Record<PageName, string>;

function PageNav({ pages }: { pages: PageName[] }) {
  const { t } = useTranslation();
  const current = useRouterState({ select: (state) => pageOfPath(state.location.pathname) });
  return (
    <nav className="view-nav" aria-label={t('header.views')}>
      {pages.map((page) => (
        <Link key={page} to={PAGE_PATHS[page]} aria-current={page === current ? 'page' : undefined}>
          {t(PAGE_LABELS[page])}
        </Link>
      ))}
    </nav>
  );
}
