CREATE TABLE "service_tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"channel" text DEFAULT 'api' NOT NULL,
	"problem" text NOT NULL,
	"contact" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"team" text,
	"received_at" timestamp with time zone NOT NULL,
	"response_due_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolution" text,
	"on_site_visits" integer DEFAULT 0 NOT NULL,
	"reopened" integer DEFAULT 0 NOT NULL,
	"resolved_at" timestamp with time zone,
	"satisfaction_score" integer,
	"satisfaction_comment" text,
	"closed_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_tickets_satisfaction_range" CHECK ("service_tickets"."satisfaction_score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "spare_part_movements" (
	"id" text PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"delta" integer NOT NULL,
	"kind" text NOT NULL,
	"reference" text,
	"by" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spare_parts" (
	"sku" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"unit" text DEFAULT 'pcs' NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reorder_level" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spare_parts_on_hand_nonnegative" CHECK ("spare_parts"."on_hand" >= 0),
	CONSTRAINT "spare_parts_reorder_level_nonnegative" CHECK ("spare_parts"."reorder_level" >= 0)
);
--> statement-breakpoint
CREATE TABLE "kpi_alert_states" (
	"kpi" text NOT NULL,
	"department" text NOT NULL,
	"crossed" boolean DEFAULT false NOT NULL,
	"crossings" integer DEFAULT 0 NOT NULL,
	"value" double precision,
	"threshold" jsonb NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"changed_at" timestamp with time zone,
	CONSTRAINT "kpi_alert_states_kpi_department_pk" PRIMARY KEY("kpi","department")
);
--> statement-breakpoint
CREATE TABLE "kpi_reports" (
	"month" text NOT NULL,
	"revision" integer NOT NULL,
	"time_zone" text NOT NULL,
	"kpis" jsonb NOT NULL,
	"stored_at" timestamp with time zone NOT NULL,
	"stored_by" text NOT NULL,
	CONSTRAINT "kpi_reports_month_revision_pk" PRIMARY KEY("month","revision")
);
--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "order_no" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "production_plans" ADD COLUMN "planned_dates" jsonb GENERATED ALWAYS AS (jsonb_path_query_array(plan, '$.milestones[*].plannedDate')) STORED;--> statement-breakpoint
CREATE INDEX "service_tickets_received_idx" ON "service_tickets" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "service_tickets_resolved_idx" ON "service_tickets" USING btree ("resolved_at");--> statement-breakpoint
CREATE INDEX "service_tickets_order_idx" ON "service_tickets" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "spare_part_movements_sku_idx" ON "spare_part_movements" USING btree ("sku","at");--> statement-breakpoint
CREATE INDEX "deadline_breaches_order_idx" ON "deadline_breaches" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "notifications_topic_idx" ON "notifications" USING btree ("topic","created_at");--> statement-breakpoint
CREATE INDEX "orders_delivered_idx" ON "orders" USING btree ("delivered_at");--> statement-breakpoint
CREATE INDEX "production_plans_planned_idx" ON "production_plans" USING gin ("planned_dates");--> statement-breakpoint
CREATE INDEX "risk_events_occurred_idx" ON "risk_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "tasks_kind_completed_idx" ON "tasks" USING btree ("kind","completed_at");--> statement-breakpoint
CREATE INDEX "tasks_due_idx" ON "tasks" USING btree ("due_at","department","kind","status","id");--> statement-breakpoint
CREATE INDEX "tasks_milestones_idx" ON "tasks" USING btree ("order_no") WHERE "tasks"."kind" = 'milestone';--> statement-breakpoint
CREATE INDEX "tasks_corrections_idx" ON "tasks" USING btree ("order_no") WHERE ("tasks"."kind" = 'renegotiation' and "tasks"."outcome" = 'revise') or ("tasks"."kind" = 'customer_acceptance' and "tasks"."outcome" = 'rejected');