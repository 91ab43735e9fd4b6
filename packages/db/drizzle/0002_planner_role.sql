-- The planning office's role, `planner`, joins users_role_check. Edited after generation:
-- SQLite cannot alter a CHECK, so users is rebuilt, STRICT as every table (drizzle-kit cannot
-- emit it), with the CHECKs unqualified. The migrator runs every migration in one transaction,
-- where drizzle-kit's PRAGMA foreign_keys=OFF is a no-op: dropping users would then delete the
-- rows of user_units and sessions (ON DELETE CASCADE). They are kept aside and put back, so
-- no lead loses their units and nobody is logged out. The lower() index drizzle-kit quoted as
-- a column name is written as the expression it is.
CREATE TEMP TABLE `__keep_user_units` AS SELECT * FROM `user_units`;--> statement-breakpoint
CREATE TEMP TABLE `__keep_sessions` AS SELECT * FROM `sessions`;--> statement-breakpoint
CREATE TABLE `__new_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`is_disabled` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "users_role_check" CHECK("role" IN ('admin', 'director', 'planner', 'unit_lead', 'viewer')),
	CONSTRAINT "users_is_disabled_check" CHECK("is_disabled" IN (0, 1))
) STRICT;
--> statement-breakpoint
INSERT INTO `__new_users`("id", "username", "display_name", "role", "password_hash", "is_disabled", "version", "created_at", "updated_at") SELECT "id", "username", "display_name", "role", "password_hash", "is_disabled", "version", "created_at", "updated_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
INSERT INTO `user_units` SELECT * FROM `__keep_user_units`;--> statement-breakpoint
INSERT INTO `sessions` SELECT * FROM `__keep_sessions`;--> statement-breakpoint
DROP TABLE `__keep_user_units`;--> statement-breakpoint
DROP TABLE `__keep_sessions`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_lower_unique` ON `users` (lower("username"));
