CREATE TABLE "privacy_settings" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"profile" text DEFAULT 'public' NOT NULL,
	"real_name" text DEFAULT 'private' NOT NULL,
	"location" text DEFAULT 'private' NOT NULL,
	"birthday" text DEFAULT 'private' NOT NULL,
	"website" text DEFAULT 'public' NOT NULL,
	"follows" text DEFAULT 'public' NOT NULL,
	"noindex" boolean DEFAULT false NOT NULL,
	"direct_messages" text DEFAULT 'everyone' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_details" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"real_name" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"birthday" date,
	"website" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD CONSTRAINT "privacy_settings_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_details" ADD CONSTRAINT "profile_details_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;