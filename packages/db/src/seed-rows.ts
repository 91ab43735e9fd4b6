// The rows of a seeded organisation, built once for both engines: names normalised, every
// figure at version 1 and without an author (a system write), units found by code.
import { newUnitRow, newUserRow, normaliseUsername } from './records';
import type { NewUnit, SeedOrganisation } from './repository';

/** A unit's parent id, from the units seeded before it: a parent must be listed first. */
export const seedParentIdOf = (unit: NewUnit, idByCode: Map<string, number>): number | null => {
  if (unit.parentCode === null) return null;
  const found = idByCode.get(unit.parentCode);
  if (found === undefined) {
    throw new Error(`Unit ${unit.code}: parent ${unit.parentCode} is not listed before it`);
  }
  return found;
};

/** The id of a seeded unit by its code; a code that no unit of the seed has aborts it. */
export const seedUnitIdOf =
  (idByCode: Map<string, number>) =>
  (code: string): number => {
    const id = idByCode.get(code);
    if (id === undefined) throw new Error(`Unknown unit code ${code} in seed data`);
    return id;
  };

export const seedUnitRow = (unit: NewUnit, parentId: number | null, at: string) =>
  newUnitRow({ code: unit.code, name: unit.name, kind: unit.kind, parentId }, at);

export const seedPlanRow = (
  plan: SeedOrganisation['plans'][number],
  unitId: number,
  at: string,
) => {
  const [q1, q2, q3, q4] = plan.quarterTargets;
  return {
    unitId,
    year: plan.year,
    annualPlan: plan.annualPlan,
    originalAnnualPlan: plan.annualPlan,
    assignedPlan: plan.assignedPlan ?? null,
    q1Target: q1,
    q2Target: q2,
    q3Target: q3,
    q4Target: q4,
    version: 1,
    updatedAt: at,
  };
};

export const seedActualRow = (
  actual: SeedOrganisation['actuals'][number],
  unitId: number,
  at: string,
) => ({
  unitId,
  year: actual.year,
  quarter: actual.quarter,
  amount: actual.amount,
  basis: actual.basis ?? 'final',
  estimateAmount: actual.estimateAmount ?? null,
  version: 1,
  updatedAt: at,
});

/** A seeded round: opened by the system. */
export const seedRoundRow = (
  round: NonNullable<SeedOrganisation['rounds']>[number],
  at: string,
) => ({
  year: round.year,
  quarter: round.quarter,
  deadline: round.deadline,
  version: 1,
  openedAt: at,
  openedBy: null,
  updatedAt: at,
  updatedBy: null,
});

/** A seeded report, as its unit and reviewers left it. */
export const seedReportRow = (
  report: NonNullable<SeedOrganisation['reports']>[number],
  unitId: number,
  at: string,
) => ({
  unitId,
  year: report.year,
  quarter: report.quarter,
  state: report.state,
  results: report.results,
  causes: report.causes,
  difficulties: report.difficulties,
  proposals: report.proposals,
  nextQuarterExpected: report.nextQuarterExpected,
  submittedAt: report.submittedAt,
  submittedBy: report.submittedBy,
  decidedAt: report.decidedAt,
  decidedBy: report.decidedBy,
  returnReason: report.returnReason,
  version: 1,
  updatedAt: at,
  updatedBy: null,
});

/** A seeded user's row; their units are rows of user_units, by code. */
export const seedUserRow = (user: NonNullable<SeedOrganisation['users']>[number], at: string) =>
  newUserRow({ ...user, username: normaliseUsername(user.username) }, at);
