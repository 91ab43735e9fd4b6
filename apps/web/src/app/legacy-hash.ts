/**
 * Addresses from before the router kept the page in the hash (`#/my-unit`, `#unit/12`).
 * Bookmarks and links sent around still hold them: each maps to its page's path, so they
 * keep opening what they opened. Null for any other hash (an anchor on the page).
 */
export function pathFromLegacyHash(hash: string): string | null {
  const unit = /^#unit\/(\d{1,15})$/.exec(hash);
  if (unit) return `/units/${unit[1]}`;
  switch (hash) {
    case '#/':
      return '/';
    case '#/my-unit':
      return '/my-unit';
    case '#/import':
      return '/import';
    case '#/admin':
      return '/admin';
    default:
      return null;
  }
}

/**
 * Replaces the current history entry when the address holds an old hash link, keeping its
 * query string (no old link had one, but a hand-made one may). True when it did.
 */
export function redirectLegacyHash(location: Location, history: History): boolean {
  const path = pathFromLegacyHash(location.hash);
  if (path === null) return false;
  history.replaceState(history.state, '', `${path}${location.search}`);
  return true;
}
