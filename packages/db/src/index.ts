export { DbError, type DbErrorCode } from './errors';
export type {
  ActualRecord,
  AuditEntry,
  NewUnit,
  PlanRecord,
  Repository,
  SaveActualInput,
  SavePlanInput,
  SeedOrganisation,
  YearEntries,
} from './repository';
export { createSqliteRepository, normaliseName } from './sqlite-repository';
