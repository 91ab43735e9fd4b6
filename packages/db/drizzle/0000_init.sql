-- Edited after generation: every table is STRICT (drizzle-kit cannot emit it), so SQLite itself
-- refuses a fraction or a string in an INTEGER column. The CHECK constraints come from schema.ts.
CREATE TABLE `actuals` (
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`amount` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`unit_id`, `year`, `quarter`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "actuals_year_check" CHECK("actuals"."year" BETWEEN 2000 AND 2100),
	CONSTRAINT "actuals_quarter_check" CHECK("actuals"."quarter" BETWEEN 1 AND 4),
	CONSTRAINT "actuals_amount_check" CHECK(typeof("actuals"."amount") = 'integer' AND "actuals"."amount" BETWEEN 0 AND 1000000000000000)
) STRICT;
--> statement-breakpoint
CREATE INDEX `actuals_year_idx` ON `actuals` (`year`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text,
	`entity` text NOT NULL,
	`entity_key` text NOT NULL,
	`unit_id` integer,
	`year` integer,
	`quarter` integer,
	`old_value` text,
	`new_value` text,
	`comment` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict
) STRICT;
--> statement-breakpoint
CREATE INDEX `audit_unit_idx` ON `audit_log` (`unit_id`,`year`);--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity_key`);--> statement-breakpoint
CREATE TABLE `plans` (
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`annual_plan` integer NOT NULL,
	`original_annual_plan` integer NOT NULL,
	`q1_target` integer,
	`q2_target` integer,
	`q3_target` integer,
	`q4_target` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`unit_id`, `year`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "plans_year_check" CHECK("plans"."year" BETWEEN 2000 AND 2100),
	CONSTRAINT "plans_annual_plan_check" CHECK(typeof("plans"."annual_plan") = 'integer' AND "plans"."annual_plan" BETWEEN 0 AND 1000000000000000),
	CONSTRAINT "plans_original_annual_plan_check" CHECK(typeof("plans"."original_annual_plan") = 'integer' AND "plans"."original_annual_plan" BETWEEN 0 AND 1000000000000000),
	CONSTRAINT "plans_q1_target_check" CHECK("plans"."q1_target" IS NULL OR (typeof("plans"."q1_target") = 'integer' AND "plans"."q1_target" BETWEEN 0 AND 1000000000000000)),
	CONSTRAINT "plans_q2_target_check" CHECK("plans"."q2_target" IS NULL OR (typeof("plans"."q2_target") = 'integer' AND "plans"."q2_target" BETWEEN 0 AND 1000000000000000)),
	CONSTRAINT "plans_q3_target_check" CHECK("plans"."q3_target" IS NULL OR (typeof("plans"."q3_target") = 'integer' AND "plans"."q3_target" BETWEEN 0 AND 1000000000000000)),
	CONSTRAINT "plans_q4_target_check" CHECK("plans"."q4_target" IS NULL OR (typeof("plans"."q4_target") = 'integer' AND "plans"."q4_target" BETWEEN 0 AND 1000000000000000))
) STRICT;
--> statement-breakpoint
CREATE INDEX `plans_year_idx` ON `plans` (`year`);--> statement-breakpoint
CREATE TABLE `quarter_locks` (
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`locked_by` text NOT NULL,
	`locked_at` text NOT NULL,
	`reason` text,
	PRIMARY KEY(`year`, `quarter`),
	CONSTRAINT "quarter_locks_quarter_check" CHECK("quarter_locks"."quarter" BETWEEN 1 AND 4)
) STRICT;
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) STRICT;
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text
) STRICT;
--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "units_kind_check" CHECK("units"."kind" IN ('institute', 'department', 'centre', 'company'))
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_unique` ON `units` (`code`);--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE TABLE `user_units` (
	`user_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `unit_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict
) STRICT;
--> statement-breakpoint
CREATE INDEX `user_units_unit_idx` ON `user_units` (`unit_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`is_disabled` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "users_role_check" CHECK("users"."role" IN ('admin', 'director', 'unit_lead', 'viewer')),
	CONSTRAINT "users_is_disabled_check" CHECK("users"."is_disabled" IN (0, 1))
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);