import { useSyncExternalStore } from 'react';

const UNIT_HASH = /^#unit\/(\d+)$/;

/** The unit whose page the address names (`#unit/12`), or null for the dashboard. */
export function unitIdFromHash(hash: string): number | null {
  const match = UNIT_HASH.exec(hash);
  return match?.[1] ? Number(match[1]) : null;
}

export function unitHref(unitId: number): string {
  return `#unit/${unitId}`;
}

/** Where "back" from a unit page goes. */
export const DASHBOARD_HREF = '#/';

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The unit page open in the address, so that reload and the browser's Back keep it. */
export function useUnitPage(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => unitIdFromHash(window.location.hash),
    () => null,
  );
}
