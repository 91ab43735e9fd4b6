-- Notifications, their mail outbox and the claims of reminders; users get an e-mail address and
-- the language of their mail. Edited after generation: the new tables are STRICT (drizzle-kit
-- cannot emit it).
CREATE TABLE `mail_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notification_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`next_attempt_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`sent_at` text,
	`dropped_at` text,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE cascade
) STRICT;
--> statement-breakpoint
CREATE INDEX `mail_outbox_pending_idx` ON `mail_outbox` (`sent_at`,`dropped_at`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`unit_id` integer,
	`reason` text,
	`deadline` text,
	`created_at` text NOT NULL,
	`read_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "notifications_kind_check" CHECK("notifications"."kind" IN ('round_opened', 'report_returned', 'report_submitted', 'deadline_near')),
	CONSTRAINT "notifications_quarter_check" CHECK("notifications"."quarter" BETWEEN 1 AND 4)
) STRICT;
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE TABLE `reminders_sent` (
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`day` text NOT NULL,
	`notification_id` integer,
	`created_at` text NOT NULL,
	PRIMARY KEY(`year`, `quarter`, `unit_id`, `user_id`, `kind`, `day`),
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "reminders_sent_kind_check" CHECK("reminders_sent"."kind" IN ('before', 'due'))
) STRICT;
--> statement-breakpoint
ALTER TABLE `users` ADD `email` text;--> statement-breakpoint
ALTER TABLE `users` ADD `locale` text DEFAULT 'vi' NOT NULL;