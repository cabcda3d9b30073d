CREATE INDEX "members_email_idx" ON "members" USING btree ("email","withdrawn_at" DESC NULLS FIRST);--> statement-breakpoint
-- 0019 assumed every existing password was 15 characters or more. Members with a second factor may have
-- a shorter one (8 is allowed beside a factor): until their next password login corrects the mark,
-- their last factor stays.
UPDATE "members" SET "password_fits_alone" = false
WHERE "password_hash" IS NOT NULL
  AND (EXISTS (SELECT 1 FROM "totp_factors" f WHERE f."member_id" = "members"."id" AND f."confirmed_at" IS NOT NULL)
    OR EXISTS (SELECT 1 FROM "phone_numbers" p WHERE p."member_id" = "members"."id" AND p."verified_at" IS NOT NULL));
