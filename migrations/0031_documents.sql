CREATE TABLE "invoice_registrations" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issued_documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"member_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"addressee" text,
	"issued_at" timestamp with time zone NOT NULL,
	"reissue_count" integer DEFAULT 0 NOT NULL,
	"last_issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoice_registrations" ADD CONSTRAINT "invoice_registrations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "issued_documents_number_key" ON "issued_documents" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "issued_documents_subject_key" ON "issued_documents" USING btree ("member_id","kind","subject");--> statement-breakpoint
CREATE INDEX "issued_documents_issued_idx" ON "issued_documents" USING btree ("issued_at");