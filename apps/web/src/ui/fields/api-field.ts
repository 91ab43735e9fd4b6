import { ApiError } from '../../api/client';

/**
 * The request field an API error is about, if any, e.g. "annualPlan",
 * "quarterTargets" or "quarterTargets.1" / "quarterTargets[1]".
 */
export function apiErrorField(error: unknown): string | undefined {
  return error instanceof ApiError ? error.field : undefined;
}

/** Whether the API's `field` points at `name` or at one of its items. */
export function isApiField(field: string | undefined, name: string, index?: number): boolean {
  if (field === undefined) return false;
  if (field === name) return true;
  if (index === undefined) return false;
  return (
    field === `${name}.${index}` || field === `${name}[${index}]` || field === `${name}/${index}`
  );
}
