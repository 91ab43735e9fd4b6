import { AUDIT_ENTITIES, type AuditEntity } from '@targetline/core';
import { type Static, Type } from 'typebox';
import { Id, Quarter, UnitId, Year } from './common';

/** A kind of change: what the audit row is about. */
export const AuditEntitySchema = Type.Unsafe<AuditEntity>({
  type: 'string',
  enum: [...AUDIT_ENTITIES],
});

export const AuditQuery = Type.Object(
  {
    unitId: Type.Optional(UnitId),
    year: Type.Optional(Year),
    quarter: Type.Optional(Quarter),
    /** Only the changes of this user (their username). */
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** Only this kind of change. */
    entity: Type.Optional(AuditEntitySchema),
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
  /** The actor's display name now; null when there is no actor or no such account. */
  actorName: Type.Union([Type.String(), Type.Null()]),
  entity: Type.String(),
  entityKey: Type.String(),
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  /** The unit's name now; null for a change that concerns no unit. */
  unitName: Type.Union([Type.String(), Type.Null()]),
  year: Type.Union([Type.Integer(), Type.Null()]),
  quarter: Type.Union([Type.Integer(), Type.Null()]),
  oldValue: Type.Unknown(),
  newValue: Type.Unknown(),
  comment: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

/** Someone who made a change: what the change log's filter by user offers. */
export const AuditActorSchema = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
});
export type AuditActor = Static<typeof AuditActorSchema>;

/**
 * A page of the history, newest first; `nextCursor` is null on the last page. `actors`: everyone
 * who appears in the history the reader may see, by display name (the filter by user offers
 * them, since only admins may list accounts).
 */
export const AuditPageSchema = Type.Object({
  entries: Type.Array(AuditEntrySchema),
  actors: Type.Array(AuditActorSchema),
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
});
export type AuditPage = Static<typeof AuditPageSchema>;
