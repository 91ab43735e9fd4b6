import { type Static, Type } from 'typebox';
import { Amount, Comment, ExpectedVersion, NullableAmount, Quarter, UnitId, Year } from './common';

export const QuarterTargets = Type.Unsafe<
  [number | null, number | null, number | null, number | null]
>({
  type: 'array',
  items: NullableAmount,
  minItems: 4,
  maxItems: 4,
  description: 'Targets for Q1..Q4; null where a quarter has none',
});
export type QuarterTargets = Static<typeof QuarterTargets>;

/** Who saved a figure last (null for the seed) and when; `version` is what a change sends back. */
const Saved = {
  version: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
};

export const PlanParams = Type.Object(
  { unitId: UnitId, year: Year },
  { additionalProperties: false },
);
export type PlanParams = Static<typeof PlanParams>;

/**
 * The plan the parent group assigned (kế hoạch Tập đoàn giao), beside the annual plan the unit
 * works to: null where not set (the unit's plan is the only one).
 */
export const AssignedPlan = Type.Unsafe<number | null>({
  ...NullableAmount,
  description:
    'The plan the parent group assigned (kế hoạch Tập đoàn giao), integer đồng; null where not set',
});

/**
 * A plan as the director sets it; `version` is the one they started from (0 for a new plan).
 * `assignedPlan` absent keeps the one saved (a client that does not know it changes nothing);
 * null clears it.
 */
export const PlanBody = Type.Object(
  {
    annualPlan: Amount,
    assignedPlan: Type.Optional(AssignedPlan),
    quarterTargets: QuarterTargets,
    version: Type.Optional(ExpectedVersion),
    comment: Type.Optional(Comment),
  },
  { additionalProperties: false },
);
export type PlanBody = Static<typeof PlanBody>;

/** A unit's own plan for a year, as saved. */
export const PlanRecordSchema = Type.Object({
  unitId: Type.Integer(),
  year: Type.Integer(),
  annualPlan: Amount,
  originalAnnualPlan: Amount,
  assignedPlan: AssignedPlan,
  quarterTargets: QuarterTargets,
  ...Saved,
});
export type PlanRecord = Static<typeof PlanRecordSchema>;

export const ActualParams = Type.Object(
  { unitId: UnitId, year: Year, quarter: Quarter },
  { additionalProperties: false },
);
export type ActualParams = Static<typeof ActualParams>;

/**
 * What an actual stands on: `estimate` (ước thực hiện, reported before the books close) or
 * `final` (số chính thức).
 */
export const BasisSchema = Type.Union([Type.Literal('estimate'), Type.Literal('final')], {
  description: 'estimate (ước thực hiện) or final (số chính thức)',
});
export type ActualBasis = Static<typeof BasisSchema>;

/**
 * An actual as a unit lead enters it; `version` is the one they started from (0: new). A
 * missing `basis` is `final`.
 */
export const ActualBody = Type.Object(
  {
    amount: Amount,
    basis: Type.Optional(BasisSchema),
    version: Type.Optional(ExpectedVersion),
    comment: Type.Optional(Comment),
  },
  { additionalProperties: false },
);
export type ActualBody = Static<typeof ActualBody>;

/**
 * One quarter's actual of a unit, as saved. `estimateAmount` is the estimate a final figure
 * replaced (null while it is an estimate, or if it never was one).
 */
export const ActualRecordSchema = Type.Object({
  unitId: Type.Integer(),
  year: Type.Integer(),
  quarter: Quarter,
  amount: Amount,
  basis: BasisSchema,
  estimateAmount: NullableAmount,
  ...Saved,
});
export type ActualRecord = Static<typeof ActualRecordSchema>;

export const EntriesQuery = Type.Object({ year: Year }, { additionalProperties: false });
export type EntriesQuery = Static<typeof EntriesQuery>;

/** Each unit's own entered figures for a year (not rolled up), to pre-fill the forms. */
export const EntriesSchema = Type.Object({
  year: Type.Integer(),
  plans: Type.Array(PlanRecordSchema),
  actuals: Type.Array(ActualRecordSchema),
});
export type YearEntries = Static<typeof EntriesSchema>;

export const ActualsQuery = Type.Object(
  { year: Year, unitId: Type.Optional(UnitId) },
  { additionalProperties: false },
);
export type ActualsQuery = Static<typeof ActualsQuery>;

export const PlansQuery = Type.Object({ year: Year }, { additionalProperties: false });
export type PlansQuery = Static<typeof PlansQuery>;

/** Years that have any plan or actual, ascending. */
export const YearListSchema = Type.Array(Type.Integer());
