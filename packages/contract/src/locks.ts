import { type Static, Type } from 'typebox';
import { Comment, Quarter, Year } from './common';

/** A locked quarter: who locked it (username), when and why. */
export const LockSchema = Type.Object({
  year: Type.Integer(),
  quarter: Quarter,
  lockedBy: Type.String(),
  lockedAt: Type.String({ format: 'date-time' }),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type QuarterLock = Static<typeof LockSchema>;

export const LocksQuery = Type.Object(
  { year: Type.Optional(Year) },
  { additionalProperties: false },
);
export type LocksQuery = Static<typeof LocksQuery>;

export const LockBody = Type.Object(
  { year: Year, quarter: Quarter, comment: Type.Optional(Comment) },
  { additionalProperties: false },
);
export type LockBody = Static<typeof LockBody>;

export const UnlockParams = Type.Object(
  { year: Year, quarter: Quarter },
  { additionalProperties: false },
);
export type UnlockParams = Static<typeof UnlockParams>;

export const UnlockBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type UnlockBody = Static<typeof UnlockBody>;
