-- The quarterly review cycle: reporting rounds, the units' reports, and the basis of an actual
-- (estimate or final; every existing figure is final) with the estimate a final figure
-- replaced. Edited after generation: the "public". qualifier of the foreign key is removed, as
-- in 0000_init.sql.
CREATE TABLE "reports" (
	"unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"state" text NOT NULL,
	"results" text DEFAULT '' NOT NULL,
	"causes" text DEFAULT '' NOT NULL,
	"difficulties" text DEFAULT '' NOT NULL,
	"proposals" text DEFAULT '' NOT NULL,
	"next_quarter_expected" bigint,
	"submitted_at" timestamp (3) with time zone,
	"submitted_by" text,
	"decided_at" timestamp (3) with time zone,
	"decided_by" text,
	"return_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text,
	CONSTRAINT "reports_unit_id_year_quarter_pk" PRIMARY KEY("unit_id","year","quarter"),
	CONSTRAINT "reports_year_check" CHECK ("reports"."year" BETWEEN 2000 AND 2100),
	CONSTRAINT "reports_quarter_check" CHECK ("reports"."quarter" BETWEEN 1 AND 4),
	CONSTRAINT "reports_state_check" CHECK ("reports"."state" IN ('draft', 'submitted', 'returned', 'approved')),
	CONSTRAINT "reports_next_quarter_expected_check" CHECK ("reports"."next_quarter_expected" IS NULL OR "reports"."next_quarter_expected" BETWEEN 0 AND 1000000000000000)
);
--> statement-breakpoint
CREATE TABLE "review_rounds" (
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"deadline" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"opened_by" text,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text,
	CONSTRAINT "review_rounds_year_quarter_pk" PRIMARY KEY("year","quarter"),
	CONSTRAINT "review_rounds_year_check" CHECK ("review_rounds"."year" BETWEEN 2000 AND 2100),
	CONSTRAINT "review_rounds_quarter_check" CHECK ("review_rounds"."quarter" BETWEEN 1 AND 4),
	CONSTRAINT "review_rounds_deadline_check" CHECK ("review_rounds"."deadline" ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
);
--> statement-breakpoint
ALTER TABLE "actuals" ADD COLUMN "basis" text DEFAULT 'final' NOT NULL;--> statement-breakpoint
ALTER TABLE "actuals" ADD COLUMN "estimate_amount" bigint;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_year_quarter_idx" ON "reports" USING btree ("year","quarter");--> statement-breakpoint
ALTER TABLE "actuals" ADD CONSTRAINT "actuals_basis_check" CHECK ("actuals"."basis" IN ('estimate', 'final'));--> statement-breakpoint
ALTER TABLE "actuals" ADD CONSTRAINT "actuals_estimate_amount_check" CHECK ("actuals"."estimate_amount" IS NULL OR "actuals"."estimate_amount" BETWEEN 0 AND 1000000000000000);