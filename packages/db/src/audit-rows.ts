// The audit row of every kind of change, built once for both engines: the same entity keys,
// the same old and new values (the records the Repository returns) and no password hash.
// The engine writes the row in the change's own transaction; SQLite stores the values as JSON
// text, PostgreSQL in json columns.

import type { QuarterLock } from '@targetline/contract';
import type { User } from '@targetline/core';
import { and, type Column, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { actualKeyOf, planKeyOf, reportKeyOf } from './records';
import type {
  ActualRecord,
  AuditEntry,
  AuditFilter,
  DirectionRecord,
  PlanRecord,
  ReportRecord,
  ReviewRound,
  SaveActualInput,
  SavePlanInput,
  SettingRecord,
  UnitRecord,
} from './repository';

/** One row of audit_log before it is written (the database gives the id and the names). */
export type AuditRow = Omit<AuditEntry, 'id' | 'actorName' | 'unitName'>;

/** Who made a change and why. */
type Change = { actor: string | null; comment?: string | null };

const row = (
  change: Change,
  fields: Pick<AuditRow, 'at' | 'entity' | 'entityKey' | 'oldValue' | 'newValue'> &
    Partial<Pick<AuditRow, 'unitId' | 'year' | 'quarter'>>,
): AuditRow => ({
  unitId: null,
  year: null,
  quarter: null,
  ...fields,
  actor: change.actor,
  comment: change.comment ?? null,
});

export const planAudit = (
  input: SavePlanInput,
  { at, old, saved }: { at: string; old: PlanRecord | null; saved: PlanRecord },
): AuditRow =>
  row(input, {
    at,
    entity: 'plan',
    entityKey: `plan:${planKeyOf(input)}`,
    unitId: input.unitId,
    year: input.year,
    oldValue: old,
    newValue: saved,
  });

export const actualAudit = (
  input: SaveActualInput,
  { at, old, saved }: { at: string; old: ActualRecord | null; saved: ActualRecord },
): AuditRow =>
  row(input, {
    at,
    entity: 'actual',
    entityKey: `actual:${actualKeyOf(input)}`,
    unitId: input.unitId,
    year: input.year,
    quarter: input.quarter,
    oldValue: old,
    newValue: saved,
  });

/** A unit created (old null) or changed. */
export const unitAudit = (
  change: Change,
  { at, old, saved }: { at: string; old: UnitRecord | null; saved: UnitRecord },
): AuditRow =>
  row(change, {
    at,
    entity: 'unit',
    entityKey: `unit:${saved.id}`,
    unitId: saved.id,
    oldValue: old,
    newValue: saved,
  });

/**
 * A user created (old null) or changed. The hash never goes into the audit trail; the fact
 * that it changed does (`passwordChanged`).
 */
export const userAudit = (
  change: Change,
  {
    at,
    old,
    saved,
    isPasswordChanged = false,
  }: { at: string; old: User | null; saved: User; isPasswordChanged?: boolean },
): AuditRow =>
  row(change, {
    at,
    entity: 'user',
    entityKey: `user:${saved.id}`,
    oldValue: old,
    newValue: isPasswordChanged ? { ...saved, passwordChanged: true } : saved,
  });

/** A quarter locked (old null) or unlocked (saved null). */
export const lockAudit = (
  change: Change,
  {
    at,
    year,
    quarter,
    old,
    saved,
  }: {
    at: string;
    year: number;
    quarter: number;
    old: QuarterLock | null;
    saved: QuarterLock | null;
  },
): AuditRow =>
  row(change, {
    at,
    entity: 'lock',
    entityKey: `lock:${year}/${quarter}`,
    year,
    quarter,
    oldValue: old,
    newValue: saved,
  });

export const settingAudit = (
  change: Change,
  { at, old, saved }: { at: string; old: SettingRecord | null; saved: SettingRecord },
): AuditRow =>
  row(change, {
    at,
    entity: 'setting',
    entityKey: `setting:${saved.key}`,
    oldValue: old,
    newValue: saved,
  });

/** A round opened (old null) or its deadline moved. */
export const roundAudit = (
  change: Change,
  { at, old, saved }: { at: string; old: ReviewRound | null; saved: ReviewRound },
): AuditRow =>
  row(change, {
    at,
    entity: 'review',
    entityKey: `review:${saved.year}/${saved.quarter}`,
    year: saved.year,
    quarter: saved.quarter,
    oldValue: old,
    newValue: saved,
  });

/**
 * A report saved or moved: the report before (null while not started) and after, so the trail
 * shows who moved it from which state to which, when; the comment is the reason of a return or
 * reopening.
 */
export const reportAudit = (
  change: Change,
  { at, old, saved }: { at: string; old: ReportRecord | null; saved: ReportRecord },
): AuditRow =>
  row(change, {
    at,
    entity: 'report',
    entityKey: `report:${reportKeyOf(saved)}`,
    unitId: saved.unitId,
    year: saved.year,
    quarter: saved.quarter,
    oldValue: old,
    newValue: saved,
  });

/**
 * A direction recorded (old null) or moved: progress, closing, carrying over; the comment is
 * the note sent with it. Filed under the meeting's quarter and the unit concerned.
 */
export const directionAudit = (
  change: Change,
  { at, old, saved }: { at: string; old: DirectionRecord | null; saved: DirectionRecord },
): AuditRow =>
  row(change, {
    at,
    entity: 'direction',
    entityKey: `direction:${saved.id}`,
    unitId: saved.unitId,
    year: saved.year,
    quarter: saved.quarter,
    oldValue: old,
    newValue: saved,
  });

/**
 * The rows an AuditFilter asks for (undefined: all), on either engine's audit_log: the same
 * columns under the same names.
 */
export const auditWhere = (
  columns: Record<'id' | 'actor' | 'unitId' | 'year' | 'quarter' | 'entity', Column>,
  { unitId, year, quarter, actor, entity, entities, beforeId }: AuditFilter,
): SQL | undefined =>
  and(
    actor === undefined ? undefined : eq(columns.actor, actor),
    unitId === undefined ? undefined : eq(columns.unitId, unitId),
    year === undefined ? undefined : eq(columns.year, year),
    quarter === undefined ? undefined : eq(columns.quarter, quarter),
    entity === undefined ? undefined : eq(columns.entity, entity),
    entities === undefined ? undefined : inArray(columns.entity, entities),
    beforeId === undefined ? undefined : lt(columns.id, beforeId),
  );
