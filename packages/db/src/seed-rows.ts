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
  version: 1,
  updatedAt: at,
});

/** A seeded user's row; their units are rows of user_units, by code. */
export const seedUserRow = (user: NonNullable<SeedOrganisation['users']>[number], at: string) =>
  newUserRow({ ...user, username: normaliseUsername(user.username) }, at);
