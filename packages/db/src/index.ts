export { DbError, type DbErrorCode } from './errors';
export type {
  ActualRecord,
  AuditEntry,
  AuditFilter,
  NewSession,
  NewUnit,
  NewUser,
  PlanRecord,
  Repository,
  SaveActualInput,
  SavePlanInput,
  SeedOrganisation,
  SessionRecord,
  SettingRecord,
  UnitPatch,
  UnitRecord,
  UserPatch,
  YearEntries,
} from './repository';
export { ROLES } from './schema';
export { createSqliteRepository, normaliseName, normaliseUsername } from './sqlite-repository';
