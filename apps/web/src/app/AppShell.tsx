import { RouterProvider } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useCurrentUser } from '../session/current-user';
import { type ChartSize, ChartSizeContext } from './chart-size';
import { pathFromLegacyHash, redirectLegacyHash } from './legacy-hash';
import { createAppRouter } from './routes';

type Props = {
  /** Chart size for tests (jsdom cannot measure); omitted in the app, where it fills its column. */
  chartSize?: ChartSize;
};

/**
 * The logged-in app: its router, made once per session (the session gate gives a new user a
 * new tree), on the address as the browser has it — old hash links are moved to their pages
 * first. The log-in page before it needs no router, so none of this is in the first load.
 */
export function AppShell({ chartSize }: Props) {
  const user = useCurrentUser();
  const [router] = useState(() => {
    redirectLegacyHash(window.location, window.history);
    return createAppRouter({ user });
  });
  // An old link pasted into the address bar of an open tab changes only the hash.
  useEffect(() => {
    const onHashChange = () => {
      const path = pathFromLegacyHash(window.location.hash);
      if (path !== null) router.history.replace(`${path}${window.location.search}`);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [router]);
  return (
    <ChartSizeContext.Provider value={chartSize}>
      <RouterProvider router={router} />
    </ChartSizeContext.Provider>
  );
}
