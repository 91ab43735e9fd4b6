import type { ActualEntry, PlanEntry, Quarter, Unit, UnitKind } from '@targetline/core';

export type PlanRecord = PlanEntry & { year: number; version: number; updatedAt: string };
export type ActualRecord = ActualEntry & { year: number; version: number; updatedAt: string };

export type YearEntries = {
  year: number;
  plans: PlanRecord[];
  actuals: ActualRecord[];
};

export type SavePlanInput = {
  unitId: number;
  year: number;
  annualPlan: number;
  quarterTargets: PlanEntry['quarterTargets'];
  /** Who made the change (username); null while writes are open. */
  actor: string | null;
  comment?: string | null;
};

export type SaveActualInput = {
  unitId: number;
  year: number;
  quarter: Quarter;
  amount: number;
  actor: string | null;
  comment?: string | null;
};

export type NewUnit = {
  code: string;
  name: string;
  kind: UnitKind;
  /** Code of the parent unit; null for the root. */
  parentCode: string | null;
};

export type SeedOrganisation = {
  units: NewUnit[];
  plans: Array<{
    unitCode: string;
    year: number;
    annualPlan: number;
    quarterTargets: PlanEntry['quarterTargets'];
  }>;
  actuals: Array<{ unitCode: string; year: number; quarter: Quarter; amount: number }>;
};

export type AuditEntry = {
  id: number;
  at: string;
  actor: string | null;
  entity: 'plan' | 'actual' | 'unit';
  unitId: number;
  year: number | null;
  quarter: number | null;
  oldValue: unknown;
  newValue: unknown;
  comment: string | null;
};

/**
 * Everything the API asks of storage. Async so that the PostgreSQL engine of the
 * scale-out issue can stand behind the same functions.
 */
export type Repository = {
  listUnits(): Promise<Unit[]>;
  getUnit(id: number): Promise<Unit | null>;
  /** Years with any plan or actual, ascending. */
  listYears(): Promise<number[]>;
  /** Each unit's own entered figures for the year (not rolled up). */
  getYearEntries(year: number): Promise<YearEntries>;
  /** Creates or replaces a unit's plan, with its audit row, in one transaction. 404 on unknown unit. */
  savePlan(input: SavePlanInput): Promise<PlanRecord>;
  /** Creates or replaces one quarter's actual, with its audit row, in one transaction. */
  saveActual(input: SaveActualInput): Promise<ActualRecord>;
  listAudit(filter: { unitId?: number; limit?: number }): Promise<AuditEntry[]>;
  /**
   * Loads an organisation into an empty database, in one transaction. Returns false and
   * writes nothing when any unit already exists, so it never overwrites real data.
   */
  seedIfEmpty(org: SeedOrganisation): Promise<boolean>;
  close(): Promise<void>;
};
