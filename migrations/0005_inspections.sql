CREATE TABLE "complaints" (
	"id" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"content" text NOT NULL,
	"channel" text NOT NULL,
	"received_by" text NOT NULL,
	"inspection_id" text NOT NULL,
	"reply_due_at" timestamp with time zone,
	"reply" text,
	"replied_at" timestamp with time zone,
	"replied_by" text
);
--> statement-breakpoint
CREATE TABLE "inspection_issues" (
	"id" text PRIMARY KEY NOT NULL,
	"order_no" text,
	"inspection_id" text,
	"inspection_kind" text,
	"check" text,
	"department" text NOT NULL,
	"severity" text NOT NULL,
	"content" text NOT NULL,
	"impact" text NOT NULL,
	"status" text NOT NULL,
	"found_at" timestamp with time zone NOT NULL,
	"found_by" text NOT NULL,
	"found_by_department" text NOT NULL,
	"due_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cycle" integer DEFAULT 1 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"overdue" integer DEFAULT 0 NOT NULL,
	"root_cause" text,
	"plan" jsonb,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspection_summaries" (
	"month" text PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"department" text NOT NULL,
	"status" text NOT NULL,
	"order_nos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decisions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"issue_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sample" jsonb,
	"complaint_id" text,
	"schedule_id" text,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "issue_events" (
	"id" text PRIMARY KEY NOT NULL,
	"issue_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"summary" text NOT NULL,
	"by" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE INDEX "complaints_order_idx" ON "complaints" USING btree ("order_no","received_at");--> statement-breakpoint
CREATE INDEX "complaints_received_idx" ON "complaints" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "inspection_issues_found_idx" ON "inspection_issues" USING btree ("found_at","id");--> statement-breakpoint
CREATE INDEX "inspection_issues_status_idx" ON "inspection_issues" USING btree ("status","found_at");--> statement-breakpoint
CREATE INDEX "inspection_issues_department_idx" ON "inspection_issues" USING btree ("department","found_at");--> statement-breakpoint
CREATE INDEX "inspection_issues_order_idx" ON "inspection_issues" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "inspections_started_idx" ON "inspections" USING btree ("started_at","id");--> statement-breakpoint
CREATE INDEX "inspections_kind_idx" ON "inspections" USING btree ("kind","started_at");--> statement-breakpoint
CREATE INDEX "issue_events_issue_idx" ON "issue_events" USING btree ("issue_id","at");