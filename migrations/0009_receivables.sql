CREATE TABLE "order_receivables" (
	"order_no" text PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"contract_total" double precision NOT NULL,
	"instalments" jsonb NOT NULL,
	"invoices" jsonb NOT NULL,
	"payments" jsonb NOT NULL,
	"invoiced_total" double precision NOT NULL,
	"paid_total" double precision NOT NULL,
	"settled" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_receivables" ADD CONSTRAINT "order_receivables_order_no_orders_order_no_fk" FOREIGN KEY ("order_no") REFERENCES "public"."orders"("order_no") ON DELETE no action ON UPDATE no action;