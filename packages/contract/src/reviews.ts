import { type Static, Type } from 'typebox';
import { ExpectedVersion, Quarter, Year } from './common';
import { BasisSchema } from './entries';
import { ReportStateSchema } from './reports';

export const ReviewParams = Type.Object(
  { year: Year, quarter: Quarter },
  { additionalProperties: false },
);
export type ReviewParams = Static<typeof ReviewParams>;

/** A deadline: a date, "2023-07-10"; its day ends at midnight in Asia/Ho_Chi_Minh. */
export const Deadline = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description:
    'A date, YYYY-MM-DD; reports submitted before midnight of that day in Asia/Ho_Chi_Minh (UTC+7) are on time',
  examples: ['2023-07-10'],
});

/** Opens the round (version 0) or moves its deadline (the version read). */
export const ReviewBody = Type.Object(
  { deadline: Deadline, version: ExpectedVersion },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBody>;

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

/** Where one reporting unit stands in the round. */
export const ReviewUnitSchema = Type.Object({
  unitId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  state: ReportStateSchema,
  /** The basis of the unit's actual for the quarter; null while it has none. */
  basis: Type.Union([BasisSchema, Type.Null()]),
  submittedAt: NullableTime,
  submittedBy: NullableString,
  decidedAt: NullableTime,
  decidedBy: NullableString,
  returnReason: NullableString,
  /**
   * Submitted after the deadline day ended (Asia/Ho_Chi_Minh), or not submitted (not started,
   * draft, returned) once it has; false while no round is open.
   */
  isLate: Type.Boolean(),
});
export type ReviewUnit = Static<typeof ReviewUnitSchema>;

/**
 * A quarter's reporting round: its deadline (null while no round is open, version 0) and every
 * reporting unit (each unit with its own plan for the year, except one whose plan is allocated
 * to planned units below it), in code order.
 */
export const ReviewSchema = Type.Object({
  year: Type.Integer(),
  quarter: Quarter,
  deadline: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  updatedAt: NullableTime,
  updatedBy: NullableString,
  units: Type.Array(ReviewUnitSchema),
});
export type Review = Static<typeof ReviewSchema>;
