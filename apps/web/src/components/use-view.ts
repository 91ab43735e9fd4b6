import { useCallback, useSyncExternalStore } from 'react';

export type View = 'dashboard' | 'my-unit' | 'import' | 'admin';

const HASH: Record<View, string> = {
  dashboard: '#/',
  'my-unit': '#/my-unit',
  import: '#/import',
  admin: '#/admin',
};

/** The page in the address (`#/my-unit`), so that reload and Back keep it; no router needed for a few pages. */
export function viewFromHash(hash: string): View {
  const found = (Object.keys(HASH) as View[]).find((view) => HASH[view] === hash);
  return found ?? 'dashboard';
}

export function hrefOf(view: View): string {
  return HASH[view];
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useView(): [View, (view: View) => void] {
  const view = useSyncExternalStore(
    subscribe,
    () => viewFromHash(window.location.hash),
    () => 'dashboard' as const,
  );
  const setView = useCallback((next: View) => {
    window.location.hash = HASH[next];
  }, []);
  return [view, setView];
}
