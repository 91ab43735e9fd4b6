import { describe, expect, it } from 'vitest';
import { pathFromLegacyHash, redirectLegacyHash } from './legacy-hash';

describe('old hash links', () => {
  it.each([
    ['#/', '/'],
    ['#/my-unit', '/my-unit'],
    ['#/import', '/import'],
    ['#/admin', '/admin'],
    ['#unit/12', '/units/12'],
  ])('%s opens %s', (hash, path) => {
    expect(pathFromLegacyHash(hash)).toBe(path);
  });

  it.each(['', '#', '#unit/', '#unit/x', '#unit/12/extra', '#/unknown', '#main'])(
    'leaves %j alone',
    (hash) => {
      expect(pathFromLegacyHash(hash)).toBeNull();
    },
  );

  it('replaces the history entry, so Back does not return to the old address', () => {
    window.history.pushState(null, '', '/before');
    window.history.pushState(null, '', '/?year=2023#unit/7');
    const length = window.history.length;
    expect(redirectLegacyHash(window.location, window.history)).toBe(true);
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe(
      '/units/7?year=2023',
    );
    expect(window.history.length).toBe(length);
  });
});
