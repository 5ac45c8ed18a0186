CREATE TABLE "change_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"seq" integer NOT NULL,
	"status" text NOT NULL,
	"changes" jsonb NOT NULL,
	"reason" text NOT NULL,
	"impact" jsonb NOT NULL,
	"departments" jsonb NOT NULL,
	"opinions" jsonb NOT NULL,
	"agreement" jsonb,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_order_no_orders_order_no_fk" FOREIGN KEY ("order_no") REFERENCES "public"."orders"("order_no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "change_requests_order_idx" ON "change_requests" USING btree ("order_no","seq");