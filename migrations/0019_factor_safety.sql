ALTER TABLE "members" ADD COLUMN "password_fits_alone" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_codes" ADD COLUMN "tries" integer DEFAULT 0 NOT NULL;