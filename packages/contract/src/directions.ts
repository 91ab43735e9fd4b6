import { type Static, Type } from 'typebox';
import {
  ExpectedVersion,
  Id,
  NAME_PATTERN,
  PLAIN_TEXT_PATTERN,
  Quarter,
  UnitId,
  Year,
} from './common';

/** core's DirectionStatus. */
export const DirectionStatusSchema = Type.Union([
  Type.Literal('open'),
  Type.Literal('in_progress'),
  Type.Literal('done'),
  Type.Literal('not_done'),
  Type.Literal('closed'),
  Type.Literal('carried_over'),
]);

/**
 * Which directions: those given at a meeting (`year` and `quarter`), those due in a quarter
 * (`dueYear` and `dueQuarter`), those to a unit (`unitId`), combined; each quarter needs its
 * year. With nothing, every direction.
 */
export const DirectionsQuery = Type.Object(
  {
    year: Type.Optional(Year),
    quarter: Type.Optional(Quarter),
    unitId: Type.Optional(UnitId),
    dueYear: Type.Optional(Year),
    dueQuarter: Type.Optional(Quarter),
  },
  { additionalProperties: false },
);
export type DirectionsQuery = Static<typeof DirectionsQuery>;

/** A direction recorded at the meeting of `year`/`quarter`; `unitId` null for the whole institute. */
export const CreateDirectionBody = Type.Object(
  {
    unitId: Type.Union([UnitId, Type.Null()]),
    year: Year,
    quarter: Quarter,
    text: Type.String({ minLength: 1, maxLength: 2000, pattern: NAME_PATTERN }),
    dueYear: Year,
    dueQuarter: Quarter,
  },
  { additionalProperties: false },
);
export type CreateDirectionBody = Static<typeof CreateDirectionBody>;

/**
 * Progress (in_progress, done, not_done: the unit's lead) or a decision (closed,
 * carried_over: the director); `progressNote` is kept on the direction and is the audit row's
 * comment. Carrying over moves the due quarter to the next one.
 */
export const UpdateDirectionBody = Type.Object(
  {
    status: DirectionStatusSchema,
    progressNote: Type.String({ maxLength: 2000, pattern: PLAIN_TEXT_PATTERN }),
    version: ExpectedVersion,
  },
  { additionalProperties: false },
);
export type UpdateDirectionBody = Static<typeof UpdateDirectionBody>;

export const DirectionParams = Type.Object({ id: Id }, { additionalProperties: false });
export type DirectionParams = Static<typeof DirectionParams>;

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A direction (kết luận chỉ đạo) with the unit it concerns (null: the whole institute). */
export const DirectionSchema = Type.Object({
  id: Type.Integer(),
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  unitCode: NullableString,
  unitName: NullableString,
  year: Type.Integer(),
  quarter: Quarter,
  text: Type.String(),
  dueYear: Type.Integer(),
  dueQuarter: Quarter,
  status: DirectionStatusSchema,
  progressNote: NullableString,
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: NullableString,
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: NullableString,
});
export type Direction = Static<typeof DirectionSchema>;

/** Directions in the order they were recorded. */
export const DirectionListSchema = Type.Array(DirectionSchema);
