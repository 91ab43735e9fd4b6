-- The director's directions (kết luận chỉ đạo) given at a quarter's review meeting. Edited after
-- generation: the table is STRICT (drizzle-kit cannot emit it).
CREATE TABLE `directions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`text` text NOT NULL,
	`due_year` integer NOT NULL,
	`due_quarter` integer NOT NULL,
	`status` text NOT NULL,
	`progress_note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "directions_year_check" CHECK("directions"."year" BETWEEN 2000 AND 2100),
	CONSTRAINT "directions_quarter_check" CHECK("directions"."quarter" BETWEEN 1 AND 4),
	CONSTRAINT "directions_due_year_check" CHECK("directions"."due_year" BETWEEN 2000 AND 2100),
	CONSTRAINT "directions_due_quarter_check" CHECK("directions"."due_quarter" BETWEEN 1 AND 4),
	CONSTRAINT "directions_due_check" CHECK("directions"."due_year" * 4 + "directions"."due_quarter" >= "directions"."year" * 4 + "directions"."quarter"),
	CONSTRAINT "directions_status_check" CHECK("directions"."status" IN ('open', 'in_progress', 'done', 'not_done', 'closed', 'carried_over')),
	CONSTRAINT "directions_text_check" CHECK(length("directions"."text") BETWEEN 1 AND 2000)
) STRICT;
--> statement-breakpoint
CREATE INDEX `directions_year_quarter_idx` ON `directions` (`year`,`quarter`);--> statement-breakpoint
CREATE INDEX `directions_due_idx` ON `directions` (`due_year`,`due_quarter`);--> statement-breakpoint
CREATE INDEX `directions_unit_idx` ON `directions` (`unit_id`);