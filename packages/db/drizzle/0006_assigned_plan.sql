-- The plan the parent group assigned (kế hoạch Tập đoàn giao), beside the plan the unit works
-- to; null = not set. Edited after generation: drizzle-kit rebuilt the table to add the CHECK
-- (and its copy read the new column from the old table, and lost STRICT); SQLite adds a
-- nullable column with a column CHECK in place, so the table stays STRICT and no row is copied.
ALTER TABLE `plans` ADD `assigned_plan` integer CONSTRAINT "plans_assigned_plan_check" CHECK("assigned_plan" IS NULL OR (typeof("assigned_plan") = 'integer' AND "assigned_plan" BETWEEN 0 AND 1000000000000000));
