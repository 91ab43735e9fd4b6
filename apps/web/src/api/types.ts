import type { Amount, Quarter, Unit } from '@targetline/core';

/** Response types of the endpoints whose shapes core does not define. */

export type HealthResponse = { status: 'ok' };

export type UnitsResponse = Unit[];

/** Years that have any plan or actual, ascending. */
export type YearsResponse = number[];

export type PlanEntryResponse = {
  unitId: number;
  annualPlan: Amount;
  quarterTargets: [Amount | null, Amount | null, Amount | null, Amount | null];
  version: number;
};

export type ActualEntryResponse = {
  unitId: number;
  quarter: Quarter;
  amount: Amount;
  version: number;
};

/** Each unit's own entered figures for a year (not rolled up), to pre-fill the forms. */
export type EntriesResponse = {
  year: number;
  plans: PlanEntryResponse[];
  actuals: ActualEntryResponse[];
};

export type SavePlanInput = {
  unitId: number;
  year: number;
  annualPlan: Amount;
  quarterTargets: [Amount | null, Amount | null, Amount | null, Amount | null];
};

export type SaveActualInput = {
  unitId: number;
  year: number;
  quarter: Quarter;
  amount: Amount;
};
