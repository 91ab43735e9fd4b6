import { describe, expect, it } from 'vitest';
import { parseChangesSearch } from './search';

describe('parseChangesSearch', () => {
  it('keeps the filters it knows', () => {
    expect(
      parseChangesSearch({ unit: 3, user: 'lead-tt-atm', kind: 'actual', quarter: 2 }),
    ).toEqual({ unit: 3, user: 'lead-tt-atm', kind: 'actual', quarter: 2 });
    expect(parseChangesSearch({ unit: '3', quarter: '4' })).toEqual({ unit: 3, quarter: 4 });
  });

  it('drops what is not a filter value, never guessing', () => {
    expect(
      parseChangesSearch({ unit: 0, user: '  ', kind: 'password', quarter: 5, other: 'x' }),
    ).toEqual({});
    expect(parseChangesSearch({ unit: -2, kind: 'Actual', quarter: '1.5' })).toEqual({});
  });
});
