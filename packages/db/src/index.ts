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
export { isPostgresUrl } from './pg/client';
export {
  MigrateDataError,
  type MigrateDataInput,
  type MigrateDataReport,
  migrateData,
  type YearTotals,
} from './pg/migrate-data';
export { createPgRepository, type PgRepositoryOptions } from './pg/repository';
export { createPgTestRepository, pgTestUrl, withSearchPath } from './pg/test-database';
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
