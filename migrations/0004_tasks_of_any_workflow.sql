ALTER TABLE "tasks" DROP CONSTRAINT "tasks_order_no_orders_order_no_fk";
--> statement-breakpoint
ALTER TABLE "deadline_breaches" ALTER COLUMN "order_no" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "order_no" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "workflow_id" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "subject" text;--> statement-breakpoint
CREATE INDEX "tasks_subject_idx" ON "tasks" USING btree ("subject");