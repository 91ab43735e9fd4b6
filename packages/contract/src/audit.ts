import { type Static, Type } from 'typebox';
import { Id, Quarter, UnitId, Year } from './common';

export const AuditQuery = Type.Object(
  {
    unitId: Type.Optional(UnitId),
    year: Type.Optional(Year),
    quarter: Type.Optional(Quarter),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    /** The `nextCursor` of the previous page. */
    cursor: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/**
 * One row of the change history. `oldValue`/`newValue` are the records before and after
 * (null when created or removed).
 */
export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([Type.String(), Type.Null()]),
  entity: Type.String(),
  entityKey: Type.String(),
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  year: Type.Union([Type.Integer(), Type.Null()]),
  quarter: Type.Union([Type.Integer(), Type.Null()]),
  oldValue: Type.Unknown(),
  newValue: Type.Unknown(),
  comment: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

/** A page of the history, newest first; `nextCursor` is null on the last page. */
export const AuditPageSchema = Type.Object({
  entries: Type.Array(AuditEntrySchema),
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
});
export type AuditPage = Static<typeof AuditPageSchema>;
