CREATE TABLE "workflow_history_archive" (
	"workflow_id" text NOT NULL,
	"run_id" text NOT NULL,
	"run_index" integer NOT NULL,
	"status" text NOT NULL,
	"event_count" integer NOT NULL,
	"closed_at" timestamp with time zone,
	"archived_at" timestamp with time zone NOT NULL,
	"history" "bytea" NOT NULL,
	CONSTRAINT "workflow_history_archive_workflow_id_run_id_pk" PRIMARY KEY("workflow_id","run_id")
);
--> statement-breakpoint
CREATE INDEX "workflow_history_archive_run_idx" ON "workflow_history_archive" USING btree ("workflow_id","run_index");