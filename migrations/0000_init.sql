CREATE TABLE "deadline_breaches" (
	"task_id" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"department" text NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"detected_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"order_no" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
CREATE TABLE "order_number_sequences" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_versions" (
	"order_no" text NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_versions_order_no_version_pk" PRIMARY KEY("order_no","version")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"order_no" text PRIMARY KEY NOT NULL,
	"workflow_id" text NOT NULL,
	"status" text NOT NULL,
	"kind" text NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"urgent_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"customer_id" text NOT NULL,
	"customer_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"review_round" integer DEFAULT 0 NOT NULL,
	"data" jsonb NOT NULL,
	"policy_version" text NOT NULL,
	"start_input" jsonb NOT NULL,
	"workflow_started" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_workflow_id_unique" UNIQUE("workflow_id")
);
--> statement-breakpoint
CREATE TABLE "sign_offs" (
	"order_no" text NOT NULL,
	"round" integer NOT NULL,
	"department" text NOT NULL,
	"outcome" text NOT NULL,
	"signed_by" text NOT NULL,
	"signed_by_name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sign_offs_order_no_round_department_pk" PRIMARY KEY("order_no","round","department")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"department" text NOT NULL,
	"kind" text NOT NULL,
	"step" text NOT NULL,
	"round" integer NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"overdue" boolean DEFAULT false NOT NULL,
	"required_role" text,
	"outcomes" jsonb NOT NULL,
	"context" jsonb,
	"assignee" text,
	"outcome" text,
	"comment" text,
	"data" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"completed_by_name" text
);
--> statement-breakpoint
ALTER TABLE "deadline_breaches" ADD CONSTRAINT "deadline_breaches_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_versions" ADD CONSTRAINT "order_versions_order_no_orders_order_no_fk" FOREIGN KEY ("order_no") REFERENCES "public"."orders"("order_no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_order_no_orders_order_no_fk" FOREIGN KEY ("order_no") REFERENCES "public"."orders"("order_no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_order_no_orders_order_no_fk" FOREIGN KEY ("order_no") REFERENCES "public"."orders"("order_no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("created_at","order_no");--> statement-breakpoint
CREATE INDEX "tasks_inbox_idx" ON "tasks" USING btree ("department","status","priority","due_at");--> statement-breakpoint
CREATE INDEX "tasks_order_idx" ON "tasks" USING btree ("order_no");