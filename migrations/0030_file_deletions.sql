CREATE TABLE "file_deletions" (
	"key" text PRIMARY KEY NOT NULL,
	"queued_at" timestamp with time zone NOT NULL
);
