import { useCallback, useSyncExternalStore } from 'react';

export type View = 'dashboard' | 'my-unit';

const HASH: Record<View, string> = { dashboard: '#/', 'my-unit': '#/my-unit' };

/** The page in the address (`#/my-unit`), so that reload and Back keep it; no router needed for two pages. */
export function viewFromHash(hash: string): View {
  return hash === HASH['my-unit'] ? 'my-unit' : 'dashboard';
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
