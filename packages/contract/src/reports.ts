import { type Static, Type } from 'typebox';
import {
  Amount,
  ExpectedVersion,
  NAME_PATTERN,
  NullableAmount,
  Quarter,
  UnitId,
  Year,
} from './common';
import { BasisSchema } from './entries';

/** core's ReportState: not_started is a report nothing was saved for. */
export const ReportStateSchema = Type.Union([
  Type.Literal('not_started'),
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('returned'),
  Type.Literal('approved'),
]);

export const ReportParams = Type.Object(
  { unitId: UnitId, year: Year, quarter: Quarter },
  { additionalProperties: false },
);
export type ReportParams = Static<typeof ReportParams>;

/** Free text of a report, kept as typed and shown as text, never as markup. */
const ReportText = Type.String({ maxLength: 10_000 });

/**
 * A unit's draft: the quarter's actual (`amount`, with its basis; it is written as
 * `PUT /actuals/…` writes it, in the same transaction) and its explanation. `version` is the
 * report's version read (0 for a new one), `actualVersion` the actual's (0 while there is none).
 */
export const ReportBody = Type.Object(
  {
    amount: Amount,
    basis: Type.Optional(BasisSchema),
    results: ReportText,
    causes: ReportText,
    difficulties: ReportText,
    proposals: ReportText,
    nextQuarterExpected: NullableAmount,
    version: ExpectedVersion,
    actualVersion: ExpectedVersion,
  },
  { additionalProperties: false },
);
export type ReportBody = Static<typeof ReportBody>;

/** Submitting or approving: the version read. */
export const ReportMoveBody = Type.Object(
  { version: ExpectedVersion },
  { additionalProperties: false },
);
export type ReportMoveBody = Static<typeof ReportMoveBody>;

/** Returning or reopening: the version read, and why (the lead reads it). */
export const ReportReasonBody = Type.Object(
  {
    version: ExpectedVersion,
    reason: Type.String({ minLength: 1, maxLength: 1000, pattern: NAME_PATTERN }),
  },
  { additionalProperties: false },
);
export type ReportReasonBody = Static<typeof ReportReasonBody>;

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

/**
 * A unit's quarterly report, also before anything is saved (`not_started`, empty texts,
 * version 0). `amount`, `basis`, `estimateAmount` and `actualVersion` are the unit's actual for
 * the quarter (null, null, null and 0 while there is none).
 */
export const ReportSchema = Type.Object({
  unitId: Type.Integer(),
  year: Type.Integer(),
  quarter: Quarter,
  state: ReportStateSchema,
  basis: Type.Union([BasisSchema, Type.Null()]),
  amount: NullableAmount,
  estimateAmount: NullableAmount,
  actualVersion: Type.Integer(),
  results: Type.String(),
  causes: Type.String(),
  difficulties: Type.String(),
  proposals: Type.String(),
  nextQuarterExpected: NullableAmount,
  submittedAt: NullableTime,
  submittedBy: NullableString,
  decidedAt: NullableTime,
  decidedBy: NullableString,
  returnReason: NullableString,
  version: Type.Integer(),
  updatedAt: NullableTime,
  updatedBy: NullableString,
});
export type ReportRecord = Static<typeof ReportSchema>;
