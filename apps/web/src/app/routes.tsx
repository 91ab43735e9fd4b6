import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  type RouterHistory,
  redirect,
  retainSearchParams,
} from '@tanstack/react-router';
import type { SessionUser } from '@targetline/contract';
import { NotFoundPage } from '../pages/not-found/NotFoundPage';
import { ErrorState, LoadingState } from '../ui/StateMessages';
import { type PageName, pagesOf } from './pages';
import { Shell } from './Shell';
import {
  parseAsOfSearch,
  parseChangesSearch,
  parseDashboardSearch,
  parsePresentSearch,
  parseReportParams,
  parseReviewSearch,
  parseYearSearch,
} from './search';

export type RouterContext = {
  user: SessionUser;
  /** Pending until the first address of the session is resolved: where the user lands. */
  landing: { isPending: boolean };
};

/**
 * The app's addresses. Every page and its state is in the URL, so reload, Back and a link
 * sent to a colleague open the same view:
 * - `/?year=2023&asOf=2&sort=pace&dir=desc&status=behind&q=TT` the dashboard;
 * - `/units/3?year=2023&asOf=2` one unit's page;
 * - `/review?year=2023&quarter=2&state=submitted` the quarter's reporting round;
 * - `/reports/3/2023/2` a unit's report for a quarter; `/my-report` a lead's own, this round's;
 * - `/present?year=2023&quarter=1&slide=3` the review meeting's slides, full screen;
 * - `/changes?unit=3&user=lead-tt-atm&kind=actual&quarter=2` the change log (of the header's year
 *   when a quarter is chosen);
 * - `/my-unit`, `/import`, `/changes`, `/admin` (for those who have them; others go to the
 *   dashboard).
 * The year is kept from page to page. Pages are loaded when first opened.
 */
const rootRoute = createRootRouteWithContext<RouterContext>()({
  validateSearch: parseYearSearch,
  search: { middlewares: [retainSearchParams(['year'])] },
  beforeLoad: ({ context, cause }) => {
    if (cause === 'preload') return { isLanding: false };
    const isLanding = context.landing.isPending;
    context.landing.isPending = false;
    return { isLanding };
  },
  component: Shell,
  notFoundComponent: NotFoundPage,
});

/** A page the user's role does not have opens the dashboard instead, as the nav offers none. */
const onlyFor =
  (page: PageName) =>
  ({ context }: { context: RouterContext }) => {
    if (!pagesOf(context.user).includes(page)) throw redirect({ to: '/', replace: true });
  };

const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: parseDashboardSearch,
  // A unit lead's day starts at their unit's report, not the institute's dashboard: the plain
  // address they land on after log-in opens it; the dashboard is one click away.
  beforeLoad: ({ context, search }) => {
    const isPlain = Object.keys(search).length === 0;
    if (context.isLanding && isPlain && context.user.role === 'unit_lead') {
      throw redirect({ to: '/my-report', replace: true });
    }
  },
  component: lazyRouteComponent(() => import('../pages/dashboard/DashboardPage'), 'DashboardRoute'),
});

const unitRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/units/$unitId',
  params: {
    parse: ({ unitId }) => ({ unitId: Number(unitId) }),
    stringify: ({ unitId }) => ({ unitId: String(unitId) }),
  },
  validateSearch: parseAsOfSearch,
  beforeLoad: ({ params }) => {
    if (!Number.isSafeInteger(params.unitId) || params.unitId < 1) throw notFound();
  },
  component: lazyRouteComponent(() => import('../pages/unit/UnitPage'), 'UnitRoute'),
});

const reviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/review',
  validateSearch: parseReviewSearch,
  component: lazyRouteComponent(() => import('../pages/review/ReviewPage'), 'ReviewRoute'),
});

const reportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reports/$unitId/$year/$quarter',
  params: {
    parse: (raw) => {
      const parsed = parseReportParams(raw);
      // An address that names no report: the not-found page (thrown in beforeLoad).
      return parsed ?? { unitId: 0, year: 0, quarter: 1 as const };
    },
    stringify: ({ unitId, year, quarter }) => ({
      unitId: String(unitId),
      year: String(year),
      quarter: String(quarter),
    }),
  },
  beforeLoad: ({ params }) => {
    if (params.unitId === 0) throw notFound();
  },
  component: lazyRouteComponent(() => import('../pages/report/ReportPage'), 'ReportRoute'),
});

const presentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/present',
  validateSearch: parsePresentSearch,
  component: lazyRouteComponent(() => import('../pages/present/PresentPage'), 'PresentRoute'),
});

const myReportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/my-report',
  beforeLoad: onlyFor('my-unit'),
  component: lazyRouteComponent(() => import('../pages/report/MyReport'), 'MyReportRoute'),
});

const myUnitRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/my-unit',
  beforeLoad: onlyFor('my-unit'),
  component: lazyRouteComponent(() => import('../pages/my-unit/MyUnitPage'), 'MyUnitRoute'),
});

const importRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/import',
  beforeLoad: onlyFor('import'),
  component: lazyRouteComponent(() => import('../pages/import/ImportPage'), 'ImportRoute'),
});

const changesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/changes',
  validateSearch: parseChangesSearch,
  beforeLoad: onlyFor('changes'),
  component: lazyRouteComponent(() => import('../pages/changes/ChangesPage'), 'ChangesRoute'),
});

const adminRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin',
  beforeLoad: onlyFor('admin'),
  component: lazyRouteComponent(() => import('../pages/admin/AdminPage'), 'AdminRoute'),
});

const routeTree = rootRoute.addChildren([
  dashboardRoute,
  unitRoute,
  reviewRoute,
  reportRoute,
  presentRoute,
  myReportRoute,
  myUnitRoute,
  importRoute,
  changesRoute,
  adminRoute,
]);

export function createAppRouter({
  user,
  history,
}: {
  user: SessionUser;
  /** The browser's history in the app; tests may give a memory history. */
  history?: RouterHistory;
}) {
  return createRouter({
    routeTree,
    context: { user, landing: { isPending: true } },
    ...(history && { history }),
    // An address the app does not know shows the not-found page inside the shell (header
    // and nav stay), not a blank screen.
    notFoundMode: 'root',
    defaultPendingComponent: LoadingState,
    defaultErrorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
    // Pages keep their own scroll, as before the router; a new page starts at the top.
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
