CREATE TABLE "favorite_sellers" (
	"member_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "favorite_sellers_member_id_seller_id_pk" PRIMARY KEY("member_id","seller_id")
);
--> statement-breakpoint
CREATE TABLE "favorite_services" (
	"member_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "favorite_services_member_id_service_id_pk" PRIMARY KEY("member_id","service_id")
);
--> statement-breakpoint
ALTER TABLE "favorite_sellers" ADD CONSTRAINT "favorite_sellers_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorite_sellers" ADD CONSTRAINT "favorite_sellers_seller_id_members_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorite_services" ADD CONSTRAINT "favorite_services_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorite_services" ADD CONSTRAINT "favorite_services_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "favorite_sellers_seller_idx" ON "favorite_sellers" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "favorite_services_service_idx" ON "favorite_services" USING btree ("service_id");