CREATE TABLE "projection_incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"activity" text NOT NULL,
	"error" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"repaired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ALTER COLUMN "order_no" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "request_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "status_reason" text;--> statement-breakpoint
CREATE INDEX "projection_incidents_order_idx" ON "projection_incidents" USING btree ("order_no","repaired_at");