/**
 * actual / plan as a ratio (0.0722 = 7.22%). Null where the plan is 0 or missing or nothing
 * was entered — never Infinity or NaN.
 */
export function ratio(actual: number | null, plan: number | null): number | null {
  if (actual === null || plan === null || plan === 0) return null;
  return actual / plan;
}

/**
 * True where a unit has a plan assigned by the parent group that differs from the plan it works
 * to: only then is achievement against it shown beside `achieved` (an equal one says nothing
 * more; null is none).
 */
export function hasDistinctAssignedPlan(unit: {
  annualPlan: number | null;
  assignedPlan: number | null;
}): boolean {
  return unit.assignedPlan !== null && unit.assignedPlan !== unit.annualPlan;
}
