CREATE TABLE "banned_identities" (
	"hash" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"banned_on" date NOT NULL,
	"expires_on" date NOT NULL
);
