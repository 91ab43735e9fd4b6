-- The quarterly review cycle: reporting rounds, the units' reports, and the basis of an actual
-- (estimate or final) with the estimate a final figure replaced. Edited after generation: the
-- new tables and the rebuilt actuals are STRICT (drizzle-kit cannot emit it) and the CHECKs of
-- the rebuilt table are unqualified; the copy into it reads only the columns the old table has
-- (drizzle-kit listed the new ones too), so every existing figure becomes final. Nothing
-- references actuals, so dropping it cascades nowhere (PRAGMA foreign_keys=OFF is a no-op in
-- the migrator's transaction and is left out).
CREATE TABLE `reports` (
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`state` text NOT NULL,
	`results` text DEFAULT '' NOT NULL,
	`causes` text DEFAULT '' NOT NULL,
	`difficulties` text DEFAULT '' NOT NULL,
	`proposals` text DEFAULT '' NOT NULL,
	`next_quarter_expected` integer,
	`submitted_at` text,
	`submitted_by` text,
	`decided_at` text,
	`decided_by` text,
	`return_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`unit_id`, `year`, `quarter`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "reports_year_check" CHECK("reports"."year" BETWEEN 2000 AND 2100),
	CONSTRAINT "reports_quarter_check" CHECK("reports"."quarter" BETWEEN 1 AND 4),
	CONSTRAINT "reports_state_check" CHECK("reports"."state" IN ('draft', 'submitted', 'returned', 'approved')),
	CONSTRAINT "reports_next_quarter_expected_check" CHECK("reports"."next_quarter_expected" IS NULL OR (typeof("reports"."next_quarter_expected") = 'integer' AND "reports"."next_quarter_expected" BETWEEN 0 AND 1000000000000000))
) STRICT;
--> statement-breakpoint
CREATE INDEX `reports_year_quarter_idx` ON `reports` (`year`,`quarter`);--> statement-breakpoint
CREATE TABLE `review_rounds` (
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`deadline` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`opened_at` text NOT NULL,
	`opened_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`year`, `quarter`),
	CONSTRAINT "review_rounds_year_check" CHECK("review_rounds"."year" BETWEEN 2000 AND 2100),
	CONSTRAINT "review_rounds_quarter_check" CHECK("review_rounds"."quarter" BETWEEN 1 AND 4),
	CONSTRAINT "review_rounds_deadline_check" CHECK("review_rounds"."deadline" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;
--> statement-breakpoint
CREATE TABLE `__new_actuals` (
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`amount` integer NOT NULL,
	`basis` text DEFAULT 'final' NOT NULL,
	`estimate_amount` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`unit_id`, `year`, `quarter`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "actuals_year_check" CHECK("year" BETWEEN 2000 AND 2100),
	CONSTRAINT "actuals_quarter_check" CHECK("quarter" BETWEEN 1 AND 4),
	CONSTRAINT "actuals_amount_check" CHECK(typeof("amount") = 'integer' AND "amount" BETWEEN 0 AND 1000000000000000),
	CONSTRAINT "actuals_basis_check" CHECK("basis" IN ('estimate', 'final')),
	CONSTRAINT "actuals_estimate_amount_check" CHECK("estimate_amount" IS NULL OR (typeof("estimate_amount") = 'integer' AND "estimate_amount" BETWEEN 0 AND 1000000000000000))
) STRICT;
--> statement-breakpoint
INSERT INTO `__new_actuals`("unit_id", "year", "quarter", "amount", "version", "updated_at", "updated_by") SELECT "unit_id", "year", "quarter", "amount", "version", "updated_at", "updated_by" FROM `actuals`;--> statement-breakpoint
DROP TABLE `actuals`;--> statement-breakpoint
ALTER TABLE `__new_actuals` RENAME TO `actuals`;--> statement-breakpoint
CREATE INDEX `actuals_year_idx` ON `actuals` (`year`);