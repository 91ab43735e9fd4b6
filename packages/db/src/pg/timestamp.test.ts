import { describe, expect, it } from 'vitest';
import { toIsoTimestamp } from './schema';

describe('toIsoTimestamp', () => {
  it('reads what PostgreSQL writes, in UTC or any offset, as the ISO string SQLite keeps', () => {
    expect(toIsoTimestamp('2023-04-14 08:00:00.123+00')).toBe('2023-04-14T08:00:00.123Z');
    // Trailing zeros of the milliseconds are dropped by PostgreSQL, or all of them.
    expect(toIsoTimestamp('2023-04-14 08:00:00.12+00')).toBe('2023-04-14T08:00:00.120Z');
    expect(toIsoTimestamp('2023-04-14 08:00:00.1+00')).toBe('2023-04-14T08:00:00.100Z');
    expect(toIsoTimestamp('2023-04-14 08:00:00+00')).toBe('2023-04-14T08:00:00.000Z');
    expect(toIsoTimestamp('2023-04-14 08:00:00.123+07')).toBe('2023-04-14T01:00:00.123Z');
    expect(toIsoTimestamp('2023-04-14 08:00:00+05:30')).toBe('2023-04-14T02:30:00.000Z');
    expect(() => toIsoTimestamp('yesterday')).toThrow(/Unreadable timestamp/);
  });
});
