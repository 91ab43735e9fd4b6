import { describe, expect, it } from 'vitest';
import { hasDistinctAssignedPlan, ratio } from './achievement';

describe('ratio', () => {
  it('gives 13 bn of 180 bn as 0.0722…', () => {
    expect(ratio(13_000_000_000, 180_000_000_000)).toBeCloseTo(0.072222, 6);
  });
  it('is null where the plan is 0 or missing, never Infinity or NaN', () => {
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(5, null)).toBeNull();
  });
  it('is null where nothing was entered', () => {
    expect(ratio(null, 100)).toBeNull();
  });
  it('can exceed 1 when the plan is beaten', () => {
    expect(ratio(150, 100)).toBe(1.5);
  });
});

describe('hasDistinctAssignedPlan', () => {
  it('is true only where the group assigned a plan other than the one the unit works to', () => {
    expect(hasDistinctAssignedPlan({ annualPlan: 180, assignedPlan: 200 })).toBe(true);
    expect(hasDistinctAssignedPlan({ annualPlan: 180, assignedPlan: 180 })).toBe(false);
    expect(hasDistinctAssignedPlan({ annualPlan: 180, assignedPlan: null })).toBe(false);
    expect(hasDistinctAssignedPlan({ annualPlan: null, assignedPlan: 200 })).toBe(true);
  });
});
