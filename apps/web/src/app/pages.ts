import type { SessionUser } from '@targetline/contract';
import { canImport, canManageUsers, canViewChangeLog } from '@targetline/core';
import { actorOf } from '../session/current-user';

export type PageName = 'dashboard' | 'review' | 'my-unit' | 'import' | 'changes' | 'admin';

/** Each page's path: the router's routes and the header's links both read it. */
export const PAGE_PATHS = {
  dashboard: '/',
  review: '/review',
  'my-unit': '/my-unit',
  import: '/import',
  changes: '/changes',
  admin: '/admin',
} as const satisfies Record<PageName, string>;

/**
 * The pages a user has: the dashboard and the quarterly review for everyone, "My unit" for
 * unit leads (who have a unit of their own to look after), the import for anyone who may
 * write a figure, the organisation-wide change log for those who read it (director, planning
 * office, admins), administration for admins.
 */
export function pagesOf(user: SessionUser): PageName[] {
  const actor = actorOf(user);
  const pages: PageName[] = ['dashboard', 'review'];
  if (user.role === 'unit_lead') pages.push('my-unit');
  // The API's own rule: it refuses anyone else's dry run with 403.
  if (canImport(actor)) pages.push('import');
  // The API's own rule: it refuses the organisation-wide log to anyone else with 403.
  if (canViewChangeLog(actor)) pages.push('changes');
  if (canManageUsers(actor)) pages.push('admin');
  return pages;
}

/**
 * The page a path belongs to: a unit's page is part of the dashboard, a unit's report part
 * of the review; null for no page.
 */
export function pageOfPath(pathname: string): PageName | null {
  if (pathname === '/' || /^\/units\/[^/]+\/?$/.test(pathname)) return 'dashboard';
  if (/^\/reports\/[^/]+\/[^/]+\/[^/]+\/?$/.test(pathname)) return 'review';
  const page = (Object.keys(PAGE_PATHS) as PageName[]).find(
    (name) => PAGE_PATHS[name] === pathname.replace(/(.)\/$/, '$1'),
  );
  return page ?? null;
}
