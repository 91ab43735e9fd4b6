export {
  BackupError,
  backupSqlite,
  checkIntegrity,
  type IntegrityReport,
  journalModeOf,
  restoreSqlite,
  type StorageSettings,
  storageSettings,
  verifyTargetlineDatabase,
} from './backup';
export { checkDatabaseFiles, DatabaseFileError } from './client';
export {
  DbError,
  type DbErrorCode,
  isStorageUnavailable,
  type StorageFault,
  storageFaultOf,
} from './errors';
export {
  captureConnectionsForTests,
  type FaultyConnection,
  holdWriteLockForTests,
} from './fault-injection';
export {
  type DatabaseEngine,
  engineOf,
  openRepository,
  type RepositoryConfig,
} from './open-repository';
// PostgreSQL's modules (and pg) are loaded on first use, through ./pg/lazy.
export { createPgRepository, createPgTestRepository, migrateData } from './pg/lazy';
export type { MigrateDataInput, MigrateDataReport, YearTotals } from './pg/migrate-data';
export { MigrateDataError } from './pg/migrate-data-error';
export type { PgRepositoryOptions } from './pg/repository';
export { pgTestUrl, withSearchPath } from './pg/test-url';
export { isPostgresUrl } from './pg/url';
export { normaliseName, normaliseUsername } from './records';
export type {
  ActualRecord,
  AuditEntry,
  AuditFilter,
  DeliverMailInput,
  DeliverMailResult,
  DirectionFilter,
  DirectionRecord,
  MoveReportInput,
  NewNotification,
  NewSession,
  NewUnit,
  NewUser,
  NotificationRecord,
  OutboxMail,
  PlanRecord,
  RateLimitHit,
  ReminderClaim,
  ReportKey,
  ReportRecord,
  Repository,
  ReviewRound,
  SaveActualInput,
  SavePlanInput,
  SaveReportInput,
  SeedOrganisation,
  SessionRecord,
  SettingRecord,
  UnitPatch,
  UnitRecord,
  UserAccount,
  UserPatch,
  YearEntries,
} from './repository';
export { ROLES } from './schema';
export { createSqliteRepository } from './sqlite/repository';
