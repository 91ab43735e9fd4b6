import { describe, expect, it } from 'vitest';
import {
  parseChangesSearch,
  parseDashboardSearch,
  parseYearSearch,
  tableSearchOf,
  tableViewOf,
} from './search';

describe('what the address may say', () => {
  it('takes a year and an as-of quarter, as numbers or digits', () => {
    expect(parseYearSearch({ year: 2023 })).toEqual({ year: 2023 });
    expect(parseYearSearch({ year: '2023' })).toEqual({ year: 2023 });
    expect(parseDashboardSearch({ asOf: 2 })).toEqual({ asOf: 2 });
    expect(parseDashboardSearch({ asOf: '4' })).toEqual({ asOf: 4 });
  });

  it('drops what no page knows instead of guessing', () => {
    expect(parseYearSearch({ year: '20x3' })).toEqual({});
    expect(parseYearSearch({ year: 2023.5 })).toEqual({});
    expect(parseYearSearch({ year: 1e300 })).toEqual({});
    expect(parseDashboardSearch({ asOf: 5, sort: 'evil', status: 'late', dir: 'desc' })).toEqual(
      {},
    );
    expect(parseDashboardSearch({ q: { toString: 1 } })).toEqual({});
  });

  it('keeps the table state, and a direction only with a sort', () => {
    expect(parseDashboardSearch({ sort: 'pace', dir: 'desc', status: 'behind', q: 'TT-' })).toEqual(
      { sort: 'pace', dir: 'desc', status: 'behind', q: 'TT-' },
    );
    expect(parseDashboardSearch({ dir: 'desc' })).toEqual({});
    expect(parseDashboardSearch({ quarters: 'all' })).toEqual({ quarters: 'all' });
    expect(parseDashboardSearch({ quarters: 'some' })).toEqual({});
  });

  it('round-trips a table state through the address, defaults left out', () => {
    const view = tableViewOf({ sort: 'stillNeeded', dir: 'desc', q: 'mỏ' });
    expect(view).toEqual({
      sort: { key: 'stillNeeded', direction: 'descending' },
      status: 'all',
      search: 'mỏ',
      isAllQuarters: false,
    });
    expect(tableSearchOf(view)).toEqual({
      sort: 'stillNeeded',
      dir: 'desc',
      status: undefined,
      q: 'mỏ',
      quarters: undefined,
    });
    expect(tableSearchOf({ sort: null, status: 'all', search: '', isAllQuarters: false })).toEqual({
      sort: undefined,
      dir: undefined,
      status: undefined,
      q: undefined,
      quarters: undefined,
    });
    expect(tableViewOf({ quarters: 'all' }).isAllQuarters).toBe(true);
    expect(tableSearchOf(tableViewOf({ quarters: 'all' })).quarters).toBe('all');
  });
});

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
