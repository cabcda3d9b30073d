CREATE TABLE "terms_consents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"terms_version_id" integer NOT NULL,
	"privacy_revision" text NOT NULL,
	"kind" text NOT NULL,
	"age" text,
	"agreed_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "terms_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "terms_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version" text NOT NULL,
	"body_ja" text NOT NULL,
	"body_en" text NOT NULL,
	"changes_ja" text DEFAULT '' NOT NULL,
	"changes_en" text DEFAULT '' NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	CONSTRAINT "terms_versions_version_unique" UNIQUE("version")
);
--> statement-breakpoint
ALTER TABLE "terms_consents" ADD CONSTRAINT "terms_consents_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_consents" ADD CONSTRAINT "terms_consents_terms_version_id_terms_versions_id_fk" FOREIGN KEY ("terms_version_id") REFERENCES "public"."terms_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "terms_consents_member_idx" ON "terms_consents" USING btree ("member_id","agreed_at");--> statement-breakpoint
-- The first 利用規約 (hand-written data): later versions are added the same way, by a migration with a later effective_at.
INSERT INTO "terms_versions" ("version", "body_ja", "body_en", "changes_ja", "changes_en", "effective_at") VALUES ('2026-01-01', $ja$第1条（適用）
この規約は、技市（以下「本サービス」）を運営する事業者（以下「運営者」）と、本サービスを利用するすべての方との関係に適用されます。運営者の名称と連絡先は「運営会社」のページに載せています。
本サービス上のヘルプや個別のルールも、この規約の一部です。

第2条（会員登録）
会員登録は、この規約とプライバシーポリシーに同意したうえで、ご本人が正しい情報で行ってください。
おひとりにつき1つのアカウントとします。アカウントを他人に使わせたり、譲ったりすることはできません。
18歳未満の方は、親権者など法定代理人の同意を得てからご登録ください。18歳未満の方は、売上金の振込を申請できません。

第3条（アカウントの管理）
パスワードや認証アプリなどのログイン手段は、ご自身で管理してください。
ご自身のアカウントで行われた操作は、ご本人によるものとして扱います。不正に使われたおそれがあるときは、すぐにお問い合わせください。

第4条（禁止事項）
次のことをしてはいけません。
・法令や公序良俗に反すること、犯罪に関わること
・他人になりすますこと、複数のアカウントを使うこと
・他人の著作権、商標、プライバシーなどの権利を侵害すること
・本サービスの外で代金を支払わせる、または受け取ろうとすること
・嫌がらせ、差別、脅し、わいせつな内容を送ること
・本サービスの運営を妨げること（不正アクセス、大量の送信など）
運営者は、これに反する出品やメッセージを非公開にし、アカウントを利用停止にすることがあります。

第5条（取引）
サービスの売買の契約は、出品者と購入者の間で成立します。運営者は取引の場と決済の仕組みを提供し、契約の当事者にはなりません。
購入者は購入確認画面で内容と代金を確かめてから購入を確定します。出品者は、表示したお届け日数の中で誠実に納品してください。
キャンセルは取引ページから申し出て、相手が同意したときに成立します。話し合いで解決しないときは、運営者が取引の記録をもとに判断します。

第6条（代金と手数料）
購入者は代金を運営者に支払い、運営者は取引の完了後、販売手数料を差し引いた額を出品者の売上金とします。
販売手数料と振込手数料の額は「特定商取引法に基づく表記」に表示します。
売上金は、出品者が振込を申請し、運営者が確認したのちに振り込みます。

第7条（退会）
会員は、設定の「退会手続き」からいつでも退会できます。取引中のものがあるときは、それが終わってから退会してください。
退会後も、法律で保存が求められている取引の記録などは、プライバシーポリシーに書いた期間だけ保存します。

第8条（免責）
運営者は、本サービスが止まらず誤りなく動くよう努めますが、それを保証するものではありません。
会員どうしの取引で生じたトラブルは、当事者の間で解決してください。運営者は必要に応じてお手伝いします。
運営者に故意または重大な過失があるときを除き、運営者の責任は、その取引で運営者が受け取った手数料の額を上限とします。消費者契約法などの法律が適用される場合は、その定めに従います。

第9条（個人情報）
個人情報は、プライバシーポリシーに従って取り扱います。

第10条（規約の変更）
運営者は、法令の改正やサービスの変更にあわせて、この規約を変更することがあります。変更するときは、変更後の内容と効力が生じる日を、その日より前に本サービス上でお知らせします。
変更後は、ログインしたときに新しい規約への同意をお願いし、同意いただくまで取引（購入、出品、見積り、取引のメッセージ）はできません。閲覧、データのダウンロード、退会は同意がなくてもできます。

第11条（準拠法・管轄）
この規約は日本法に従って解釈します。本サービスに関して争いが生じたときは、東京地方裁判所を第一審の専属的合意管轄裁判所とします。$ja$, $en$Article 1 (Scope)
These terms govern the relationship between the business that runs Wazaichi (the "operator") and everyone who uses the service. The operator's name and contact details are on the Company page.
Help pages and other rules published on the service are part of these terms.

Article 2 (Membership)
Sign up yourself, with true information, after agreeing to these terms and the privacy policy.
One account per person. You may not let anyone else use your account or hand it over.
If you are under 18, sign up only with the agreement of a parent or other legal guardian. Members under 18 cannot request payouts of their sales balance.

Article 3 (Keeping your account safe)
Look after your password, authenticator app and other ways of logging in.
What is done with your account is treated as done by you. If you think someone else has used it, contact us at once.

Article 4 (What you must not do)
You must not:
・break the law or public morals, or take part in a crime
・pretend to be someone else, or use more than one account
・infringe anyone's copyright, trademark, privacy or other rights
・ask for or take payment outside the service
・harass, discriminate against or threaten anyone, or send obscene content
・disrupt the service (unauthorised access, mass sending and the like)
The operator may hide listings or messages that break these rules and suspend the account.

Article 5 (Trading)
A contract for a service is made between the seller and the buyer. The operator provides the place and the payment system and is not a party to that contract.
The buyer checks the details and the price on the purchase confirmation screen before confirming. The seller delivers in good faith within the delivery days shown.
A cancellation is asked for on the order page and takes effect when the other party agrees. If you cannot agree, the operator decides from the order's records.

Article 6 (Payment and fees)
The buyer pays the operator; when the order completes, the operator credits the seller's sales balance with the price less the sales fee.
The sales fee and the transfer fee are shown on the Specified Commercial Transactions Act notice.
The sales balance is transferred after the seller requests a payout and the operator checks it.

Article 7 (Leaving)
You may leave at any time from Settings, Leave Wazaichi. If an order is still open, finish it first.
After you leave, records the law requires us to keep, such as transaction records, are kept for the periods set out in the privacy policy.

Article 8 (Disclaimer)
The operator works to keep the service running without interruption or error, but does not guarantee it.
Disputes between members over a trade are for the members to settle; the operator helps where needed.
Except in case of intent or gross negligence, the operator's liability is limited to the fee it received on the order concerned. Where the Consumer Contract Act or another law applies, that law prevails.

Article 9 (Personal information)
Personal information is handled as set out in the privacy policy.

Article 10 (Changes to these terms)
The operator may change these terms to follow changes in the law or the service. Before a change takes effect, the new text and the date it takes effect are announced on the service.
After a change, you are asked at your next login to agree to the new terms; until you agree you cannot trade (buy, list, make offers, send messages about a trade). You can still read, download your data and leave without agreeing.

Article 11 (Governing law and court)
These terms are governed by Japanese law. The Tokyo District Court has exclusive jurisdiction in the first instance over any dispute about the service.

(The Japanese text is the official one; this English text is a translation.)$en$, '最初の版です。', 'The first version.', '2026-01-01T00:00:00+09:00');
