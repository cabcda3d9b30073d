CREATE TABLE "sns_identities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"subject_hash" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	"last_login_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sns_identities" ADD CONSTRAINT "sns_identities_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sns_identities_subject_key" ON "sns_identities" USING btree ("subject_hash");--> statement-breakpoint
CREATE INDEX "sns_identities_member_idx" ON "sns_identities" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sns_identities_member_provider_key" ON "sns_identities" USING btree ("member_id","provider");