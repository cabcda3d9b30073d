import type { Locale } from '../platform/i18n';
import { periodWords, type Periods } from '../retention/periods';

/** README.txt inside every export: what each file is, and how long it and the data in it are kept. */
export function exportReadme(locale: Locale, periods: Periods, baseUrl: string): string {
  const ja_ = periodWords('ja', periods);
  const en_ = periodWords('en', periods);
  const ja = `技市 Wazaichi データのダウンロード

このZIPファイルには、技市があなたについて保存している情報が入っています。

README.txt        このファイル
profile.json      アカウントとプロフィール（メールアドレス、ユーザー名、表示名、自己紹介、任意の項目）
settings.json     公開設定と、ログインの設定（二段階認証・パスキー・電話番号）
services.json     出品したサービス（登録した画像の一覧つき）
orders.json       購入・販売した取引（あなたの立場つき）
orders.csv        同じ取引の一覧（Excelで開けるようUTF-8・BOM付き）
offers.json       送った・受け取った見積り提案
tips.json         贈ったおひねり
requests.json     出した公開依頼と、公開依頼に送った提案
ledger.json       売上金・ポイント・支払いの記録
payouts.json      振込申請
payout-account.json 振込先口座
documents.json    書類（領収書・適格請求書・年間取引報告書）の一覧と番号、登録番号。documents/*.pdf 発行済みの書類
reviews.json      書いた評価（given）と受け取った評価（received）
follows.json      フォロー中（following）、フォロワー（followers）、承認待ちのフォローリクエスト（送ったもの requestsSent・受け取ったもの requestsReceived）
security-log.json ログインや設定の変更の記録
account-standing.json 連携したSNSアカウント、利用停止の記録、お問い合わせのやりとり
social.json       お気に入り、お知らせ、メール設定、ブロックしたユーザー、あなたが送った通報
consents.json     同意した利用規約の版とプライバシーポリシーの改定日、日時、IPアドレスとブラウザ、登録時の年齢の区分
messages/*.json   メッセージのやりとり（機械で読める形）
messages/*.html   同じメッセージを読みやすい形で（ブラウザで開けます）
attachments/      メッセージの添付ファイル

ファイルの日時はすべて日本時間（ISO 8601形式、+09:00）、金額は円です。

このZIPファイルは、作成から${ja_.exportDownloadDays}でサーバーから削除します。
それぞれの情報をいつまで保存するかは、次のページにまとめています：${baseUrl}/privacy/retention
`;
  const en = `Wazaichi data download

This ZIP file holds the information Wazaichi keeps about you.

README.txt        this file
profile.json      account and profile (email, username, display name, about, optional details)
settings.json     privacy settings and login settings (two-step verification, passkeys, phone)
services.json     services you listed (with a list of their images)
orders.json       your purchases and sales (with your role)
orders.csv        the same orders as a table (UTF-8 with BOM, opens in Excel)
offers.json       custom offers you sent or received
tips.json         tips you gave
requests.json     job requests you posted and proposals you sent
ledger.json       sales balance, points and payment records
payouts.json      payout requests
payout-account.json your payout bank account
documents.json    your receipts, qualified invoices and annual statements with their numbers, and your registration number; documents/*.pdf the issued ones
reviews.json      reviews you gave and received
follows.json      who you follow, who follows you, and follow requests waiting (sent: requestsSent, received: requestsReceived)
security-log.json logins and changes to your settings
account-standing.json linked SNS accounts, suspensions, and your inquiries with our answers
social.json       favourites, notifications, email settings, members you blocked, reports you sent
consents.json     the versions of the terms and privacy policy you agreed to, when, from which IP address and browser, and the age you gave at sign-up
messages/*.json   your conversations, machine-readable
messages/*.html   the same conversations, readable in a browser
attachments/      files attached to messages

All times in the files are Japan time (ISO 8601, +09:00); amounts are in yen.

This ZIP file is deleted from our server ${en_.exportDownloadDays} after it was made.
How long each kind of information is kept: ${baseUrl}/privacy/retention
`;
  return locale === 'ja' ? `${ja}\n----\n\n${en}` : `${en}\n----\n\n${ja}`;
}
