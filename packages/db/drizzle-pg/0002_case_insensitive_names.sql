-- Codes and usernames are unique without regard to case ("tt-atm" beside "TT-ATM" is a
-- look-alike). The plain unique indexes give way to unique indexes on lower(); lower() folds
-- ASCII, which is all codes and usernames hold. On a database where two codes or two
-- usernames already differ only in case this migration fails and changes nothing: rename one
-- of them first (SELECT lower(code) FROM units GROUP BY 1 HAVING count(*) > 1 finds them).
ALTER TABLE "units" DROP CONSTRAINT "units_code_unique";--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_username_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_lower_unique" ON "units" USING btree (lower("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_lower_unique" ON "users" USING btree (lower("username"));