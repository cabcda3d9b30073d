CREATE TABLE "username_holds" (
	"username" text PRIMARY KEY NOT NULL,
	"held_at" timestamp with time zone NOT NULL
);
