// Apart from migrate-data.ts, so that the package's index exports it without importing pg (./lazy.ts).
/** Why a migration was refused or failed; nothing was written to the target. */
export class MigrateDataError extends Error {
  override readonly name = 'MigrateDataError';
}
