CREATE TABLE "withdrawal_reasons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reasons" text[] NOT NULL,
	"free_text" text DEFAULT '' NOT NULL,
	"answered_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "paused_at" timestamp with time zone;