/**
 * actual / plan as a ratio (0.0722 = 7.22%). Null where the plan is 0 or missing or nothing
 * was entered — never Infinity or NaN.
 */
export function ratio(actual: number | null, plan: number | null): number | null {
  if (actual === null || plan === null || plan === 0) return null;
  return actual / plan;
}
