import { describe, expect, it } from 'vitest';
import { isDirectionMoveAllowed, nextQuarterOf, quarterIndex } from './directions';

describe('nextQuarterOf', () => {
  it('moves to the next quarter, and from Q4 to Q1 of the next year', () => {
    expect(nextQuarterOf(2023, 2)).toEqual({ year: 2023, quarter: 3 });
    expect(nextQuarterOf(2023, 4)).toEqual({ year: 2024, quarter: 1 });
  });
});

describe('quarterIndex', () => {
  it('orders quarters across years', () => {
    expect(quarterIndex(2023, 4)).toBeLessThan(quarterIndex(2024, 1));
  });
});

describe('isDirectionMoveAllowed', () => {
  it('keeps a closed direction closed and never goes back to open', () => {
    expect(isDirectionMoveAllowed('closed', 'done')).toBe(false);
    expect(isDirectionMoveAllowed('done', 'open')).toBe(false);
    expect(isDirectionMoveAllowed('carried_over', 'in_progress')).toBe(true);
    expect(isDirectionMoveAllowed('done', 'closed')).toBe(true);
  });
});
