import { describe, expect, it } from 'vitest';
import { achievementStatus } from './achievement-status';

describe('achievementStatus', () => {
  it('counts exactly 100% as met', () => {
    expect(achievementStatus(1)).toBe('met');
    expect(achievementStatus(1.2065)).toBe('met');
  });

  it('counts anything below 100% as not met', () => {
    expect(achievementStatus(0.99999)).toBe('notMet');
    expect(achievementStatus(0)).toBe('notMet');
  });

  it('gives no status where the API has no ratio', () => {
    expect(achievementStatus(null)).toBeNull();
  });
});
