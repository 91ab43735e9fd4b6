import { describe, expect, it } from 'vitest';
import { isApiField } from './api-field';

describe('isApiField', () => {
  it('matches the field the API names', () => {
    expect(isApiField('annualPlan', 'annualPlan')).toBe(true);
    expect(isApiField('amount', 'annualPlan')).toBe(false);
    expect(isApiField(undefined, 'amount')).toBe(false);
  });

  it('matches one item of an array field, in the forms the API may write it', () => {
    expect(isApiField('quarterTargets[1]', 'quarterTargets', 1)).toBe(true);
    expect(isApiField('quarterTargets.1', 'quarterTargets', 1)).toBe(true);
    expect(isApiField('quarterTargets[1]', 'quarterTargets', 2)).toBe(false);
  });

  it('highlights every item when the API names the whole array', () => {
    expect(isApiField('quarterTargets', 'quarterTargets', 3)).toBe(true);
  });
});
