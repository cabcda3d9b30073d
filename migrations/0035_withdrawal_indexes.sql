CREATE INDEX "pending_logins_member_idx" ON "pending_logins" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "webauthn_challenges_member_idx" ON "webauthn_challenges" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "duplicate_cases_other_member_idx" ON "duplicate_cases" USING btree ("other_member_id");--> statement-breakpoint
CREATE INDEX "proposals_seller_idx" ON "proposals" USING btree ("seller_id");