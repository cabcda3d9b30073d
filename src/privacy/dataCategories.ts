import type { Locale } from '../platform/i18n';
import { periodWords, type Periods } from '../retention/periods';
import type { DataCategory } from './categoryTypes';
import { socialDataCategories } from './socialDataCategories';

/**
 * Every kind of personal data the app stores, where it lives, why, and what happens to it after
 * withdrawal. The privacy page, the last withdrawal step and the completion mail are rendered from
 * this list; the periods are those of retention/periods.ts, applied by retention/purge.ts.
 */
/** One line per category, so features adding their own merge cleanly. */
export const dataCategories: DataCategory[] = [
  {
    key: 'account',
    name: { ja: 'アカウント', en: 'Account' },
    tables: [
      'members.email',
      'members.username',
      'members.password_hash',
      'members.password_fits_alone',
      'members.locale',
      'email_tokens',
      'legal_holds',
      // A username asked for with an address that already has an account: held, so sign-up tells nothing.
      'username_holds',
    ],
    holds: {
      ja: 'メールアドレス、ユーザー名、パスワード（Argon2idで変換した値と、15文字以上かどうかの印のみ。元のパスワードは保存しません）、表示言語',
      en: 'Email address, username, password (only as an Argon2id hash and whether it is 15 characters or longer; never the password itself), language',
    },
    purpose: { ja: 'ログイン、ご本人確認、お知らせの送信', en: 'Logging in, confirming it is you, sending notices' },
    afterWithdrawal: {
      ja: (p) =>
        `メールアドレス・パスワード（変換した値）は、退会のお知らせと、同じ情報でのログインに「退会済み」とお答えするため${p.accountAfterWithdrawalDays}間保存し、その後削除します。ユーザー名は、他人が同じ名前を使わないよう予約として残します。`,
      en: (p) =>
        `Your email address and password hash are kept for ${p.accountAfterWithdrawalDays} (to send the completion notice and to answer "withdrawn" if they are used to log in), then deleted. The username stays reserved so nobody else can take it.`,
    },
    keptAfterWithdrawal: true,
    keptBecause: {
      ja: '退会のお知らせと、同じアドレスでのログインに「退会済み」とお答えするため',
      en: 'to send the completion notice and to answer "withdrawn" to a login with it',
    },
  },
  {
    key: 'profile',
    name: { ja: 'プロフィール', en: 'Profile' },
    tables: [
      'members.display_name',
      'members.bio',
      'members.skills',
      'members.avatar_path',
      'profile_details',
      'privacy_settings',
    ],
    holds: {
      ja: '表示名、自己紹介、スキル、アイコン画像、任意で登録した本名・地域・誕生日・Webサイトと、それぞれの公開範囲',
      en: 'Display name, about you, skills, profile picture, and optionally your real name, area, birthday and website, with who may see each',
    },
    purpose: { ja: 'ほかの会員に向けたプロフィールの表示', en: 'Showing your profile to other members' },
    afterWithdrawal: {
      ja: () => '退会と同時に非公開になり、数分以内に削除します（アイコン画像のファイルも削除します）。',
      en: () => 'Hidden at once and deleted within minutes (the picture file too).',
    },
    keptAfterWithdrawal: false,
  },
  {
    key: 'sessions',
    name: { ja: 'ログイン中の端末', en: 'Logged-in devices' },
    tables: ['sessions', 'known_devices'],
    holds: {
      ja: 'ログイン中の端末ごとの記録（IPアドレス、ブラウザの種類、最終利用日時）と、ログインしたことのあるブラウザの識別子（ハッシュ値）。ログイン用の鍵もハッシュ値のみ保存',
      en: 'A record per logged-in device (IP address, browser, last used) and an identifier (hashed) of browsers you logged in from. The login key is stored only as a hash',
    },
    purpose: { ja: 'ログイン状態の維持、不正利用の防止', en: 'Keeping you logged in, preventing misuse' },
    afterWithdrawal: {
      ja: () => '退会と同時にすべての端末からログアウトし、ブラウザの識別子は数分以内に削除します。',
      en: () => 'Every device is logged out at once; browser identifiers are deleted within minutes.',
    },
    keptAfterWithdrawal: false,
  },
  {
    key: 'securityLog',
    name: { ja: 'ログインと安全の記録', en: 'Login and security records' },
    tables: ['security_events', 'rate_limits', 'login_failures', 'checkup_reminders'],
    holds: {
      ja: 'ログイン、ログイン失敗、ログアウト、パスワードやメールアドレスの変更の日時、IPアドレス、ブラウザの種類と、連続したログイン失敗の回数',
      en: 'Time, IP address and browser of logins, failed logins, logouts and changes of password or email, and the count of consecutive failed logins',
    },
    purpose: {
      ja: '不正ログインの検知とお知らせ、総当たり攻撃の防止',
      en: 'Detecting and telling you about suspicious logins, stopping password guessing',
    },
    afterWithdrawal: {
      ja: (p) =>
        `ログイン・ログアウト・変更の記録は、不正利用の調査のために、それぞれの記録から${p.securityLogDays}間保存し、その後削除します。連続したログイン失敗の回数は、最後の失敗から${p.loginFailuresDays}で消去します。`,
      en: (p) =>
        `Records of logins, logouts and changes are kept for ${p.securityLogDays} from each event, for investigating misuse, then deleted. The count of failed logins is forgotten ${p.loginFailuresDays} after the last one.`,
    },
    keptAfterWithdrawal: true,
    keptBecause: { ja: '不正利用の調査のため', en: 'to investigate misuse' },
  },
  {
    key: 'factors',
    name: { ja: '二段階認証とパスキー', en: 'Two-step verification and passkeys' },
    tables: ['totp_factors', 'recovery_codes', 'pending_logins', 'passkeys', 'webauthn_users', 'webauthn_challenges'],
    holds: {
      ja: '二段階認証の設定（認証アプリの鍵は暗号化して保存）、回復コード（ハッシュ値のみ）、二段階目の途中のログイン、パスキーの公開鍵と名前（秘密鍵はお使いの端末の中にだけあります）',
      en: 'Two-step verification settings (the authenticator key is stored encrypted), recovery codes (hashes only), logins waiting for their second step, passkey public keys and names (the private key stays on your device)',
    },
    purpose: { ja: '乗っ取りの防止', en: 'Preventing account takeover' },
    afterWithdrawal: {
      ja: () => '退会と同時に削除します（認証アプリの鍵、回復コード、パスキー）。',
      en: () => 'Deleted at once (authenticator key, recovery codes, passkeys).',
    },
    keptAfterWithdrawal: false,
  },
  {
    key: 'phone',
    name: { ja: '電話番号とSMS', en: 'Phone number and SMS' },
    tables: ['phone_numbers', 'sms_codes', 'sms_outbox'],
    holds: {
      ja: '二段階認証に使う電話番号と、SMSで送った確認コード（ハッシュ値）と本文の控え',
      en: 'The phone number used for two-step verification, and the SMS codes sent (hashed) with copies of the texts',
    },
    purpose: { ja: 'SMSによる二段階認証', en: 'Two-step verification by SMS' },
    afterWithdrawal: {
      ja: (p) =>
        `電話番号と確認コードは退会と同時に削除します。SMSの本文の控えは、届かなかったときの調査のため、送信から${p.smsOutboxDays}で削除します。`,
      en: (p) =>
        `The phone number and codes are deleted at once. Copies of the texts sent are deleted ${p.smsOutboxDays} after sending (kept to look into a code that did not arrive).`,
    },
    keptAfterWithdrawal: false,
  },
  {
    key: 'banned',
    name: { ja: '利用停止の識別情報', en: 'Suspension identifiers' },
    tables: ['banned_identities'],
    holds: {
      ja: '規約違反で利用停止になった会員のメールアドレス・電話番号・SNSアカウント・振込先口座の、元に戻せない変換値（HMAC）のみ',
      en: 'For members suspended for breaking the rules: only an irreversible keyed hash (HMAC) of their email address, phone number, SNS account and payout bank account',
    },
    purpose: {
      ja: '利用停止になった人が、退会と再登録で戻ってくることを防ぐため',
      en: 'Stopping suspended members from returning by leaving and signing up again',
    },
    afterWithdrawal: {
      ja: (p) =>
        `利用停止から${p.bannedIdentityYears}間保存し、その後削除します（停止が解除されたときはすぐに削除します）。メールアドレスや電話番号そのものは保存しません。`,
      en: (p) =>
        `Kept for ${p.bannedIdentityYears} from the suspension, then deleted (at once if the suspension is lifted). The address and number themselves are not kept.`,
    },
    keptAfterWithdrawal: true,
    keptBecause: { ja: '利用停止になった人の再登録を防ぐため', en: 'to stop a suspended member from signing up again' },
  },
  {
    key: 'trading',
    name: { ja: '取引と出品', en: 'Orders and services' },
    tables: [
      'services',
      'service_images',
      'service_options',
      'orders',
      'order_options',
      'members.buys_as_business',
      'reviews',
      'follows',
      'follow_requests',
      'service_views',
      'job_requests',
      'proposals',
    ],
    holds: {
      ja: '出品したサービスとその画像、取引の内容と状態（購入時の取引条件を含む）、事業者として発注するかどうか、評価、フォローとフォローリクエスト、公開依頼と提案',
      en: 'Services you list and their images, orders and their state (with the terms they were placed on), whether you order as a business, reviews, follows and follow requests, job requests and proposals',
    },
    purpose: { ja: 'マーケットの提供', en: 'Running the marketplace' },
    afterWithdrawal: {
      ja: (p) =>
        `出品は非公開になり、サービスの画像は数分以内に削除します（サービスを削除したときも、その画像はすぐに削除します）。取引と評価は、お相手の取引履歴として「退会したユーザー」の名前で、取引の記録と同じ期間（${p.transactionYears}）残り、その後削除します。フォローとフォローリクエスト（あなたが送ったもの・受け取ったもの）は数分以内に削除します。公開依頼と提案は退会と同時に受付を終了し、退会から${p.directMessagesAfterWithdrawalDays}で削除します（選ばれた提案は取引として残ります）。`,
      en: (p) =>
        `Your services are hidden and their images deleted within minutes (deleting a service deletes its images at once too). Orders and reviews stay in the history of those you traded with under "Former member" for as long as the transaction records (${p.transactionYears}), then are deleted. Follows and follow requests (sent and received) are deleted within minutes. Job requests and proposals close when you leave and are deleted ${p.directMessagesAfterWithdrawalDays} later (a chosen proposal stays as its order).`,
    },
    keptAfterWithdrawal: true,
    keptBecause: {
      ja: 'お相手の取引履歴として残し、税法で定められた帳簿を保存するため',
      en: 'as the history of those you traded with, and for the books tax law requires',
    },
  },
  {
    key: 'messages',
    name: { ja: 'メッセージ', en: 'Messages' },
    tables: ['rooms', 'messages', 'attachments', 'room_reads', 'room_access_log', 'offers'],
    holds: {
      ja: '取引メッセージと見積もり相談のメッセージ、見積り提案（範囲・金額・納期・期限）、添付ファイル、既読の位置。トラブル対応で運営が読んだ場合はその記録',
      en: 'Order and direct messages, custom offers (scope, price, delivery, expiry), attachments, what you have read; a record whenever staff read a room to settle a problem',
    },
    purpose: { ja: '会員どうしの連絡、トラブルの解決', en: 'Letting members talk, settling problems' },
    afterWithdrawal: {
      ja: (p) =>
        `あなたが書いたメッセージは、やりとりしたお相手だけが引き続き読めます（ほかの人には表示されません）。お相手は返信できなくなります。取引のメッセージは取引の記録と同じ期間（${p.transactionYears}）、見積もり相談のメッセージと見積り提案は退会から${p.directMessagesAfterWithdrawalDays}で削除します（返答待ちの見積り提案は退会・休止の時点で終了します。承諾された提案は取引として残ります）。`,
      en: (p) =>
        `Messages you wrote stay readable to the member you wrote to, and to no one else; they can no longer reply. Order messages are deleted with the transaction records (${p.transactionYears}), direct messages and custom offers ${p.directMessagesAfterWithdrawalDays} after you leave (open offers close when you leave or pause; accepted ones are orders and stay as such).`,
    },
    keptAfterWithdrawal: true,
    keptBecause: { ja: 'やりとりしたお相手が引き続き読めるように', en: 'so the member you wrote to can still read it' },
  },
  {
    key: 'money',
    name: { ja: 'お金の記録', en: 'Money records' },
    tables: ['ledger_entries', 'payouts', 'payout_accounts', 'order_tips'],
    holds: {
      ja: '支払い（おひねりを含む）、売上金、ポイント、振込申請の記録と、振込先口座（金融機関・支店・口座番号・名義）',
      en: 'Payments (tips included), sales balance, points and payout records, and your payout bank account (bank, branch, number, holder)',
    },
    purpose: { ja: '代金の管理、税法で定められた帳簿の保存', en: 'Handling money, keeping the books tax law requires' },
    afterWithdrawal: {
      ja: (p) =>
        `振込先口座は退会と同時に削除します（退会のときに売上金の残りを振り込む場合は、その振込が終わったときに削除します）。税法（法人税法）で保存が定められているため、取引・支払い・振込の記録は、事業年度の終わり（${p.fiscalYearEndMonth}末）から${p.taxPeriodStartMonths}後を起点に${p.transactionYears}間保存し、その後削除します。`,
      en: (p) =>
        `Your payout bank account is deleted when you leave (if your remaining sales are being paid out, once that transfer is done). Tax law requires us to keep records of orders, payments and payouts: they are kept for ${p.transactionYears} from ${p.taxPeriodStartMonths} after the end of the fiscal year (end of ${p.fiscalYearEndMonth}), then deleted.`,
    },
    keptAfterWithdrawal: true,
    keptBecause: {
      ja: '税法（法人税法）で保存が定められているため',
      en: 'because tax law (the Corporation Tax Act) requires it',
    },
  },
  {
    key: 'exports',
    name: { ja: 'データのダウンロード', en: 'Data downloads' },
    tables: ['data_exports', 'privacy_requests'],
    holds: {
      ja: 'あなたが申し込んだデータのダウンロード（ZIPファイル）と、開示・訂正・利用停止・消去のご請求の記録',
      en: 'Data downloads (ZIP files) you asked for, and records of your requests for disclosure, correction, suspension of use or deletion',
    },
    purpose: { ja: 'あなたご自身へのデータの提供（開示）', en: 'Giving you your data (disclosure)' },
    afterWithdrawal: {
      ja: (p) => `作成から${p.exportDownloadDays}で削除します。退会した場合は数分以内に削除します。`,
      en: (p) => `Deleted ${p.exportDownloadDays} after they are made, or within minutes of leaving.`,
    },
    keptAfterWithdrawal: false,
  },
  {
    key: 'mail',
    name: { ja: 'お送りしたメール', en: 'Emails we sent' },
    tables: ['mail_outbox'],
    holds: {
      ja: 'お送りしたメールの控え（宛先、件名、本文）。メッセージの本文はメールに載せません',
      en: 'Copies of the emails we send (address, subject, text). Message contents are never put in email',
    },
    purpose: { ja: '確実な配信と、届かなかったときの再送', en: 'Reliable delivery and retrying when delivery fails' },
    afterWithdrawal: {
      ja: (p) => `お送りしたメールの控えは、配信の確認のため${p.mailOutboxDays}間保存し、その後削除します。`,
      en: (p) => `Copies of emails we sent are kept for ${p.mailOutboxDays} to confirm delivery, then deleted.`,
    },
    keptAfterWithdrawal: true,
    keptBecause: { ja: '配信の確認のため', en: 'to confirm delivery' },
  },
  {
    key: 'identitySignals',
    name: { ja: '重複アカウントの確認情報', en: 'Duplicate-account checks' },
    tables: ['identity_signals', 'duplicate_cases'],
    holds: {
      ja: '1人1アカウントの確認に使う、メールアドレス・確認済み電話番号・SNSアカウント・振込先口座・ブラウザの識別子・IPアドレスの、元に戻せない変換値（HMAC）と、見つかった重複の確認記録',
      en: 'For the one-account-per-person check: irreversible keyed hashes (HMAC) of your email address, verified phone number, SNS account, payout bank account, browser identifier and IP address, and the record of any duplicates found',
    },
    purpose: {
      ja: '複数アカウントや自作自演の評価を見つけ、取引の公正を保つため（値そのものは保存せず、一致するかどうかだけが分かります）',
      en: 'Finding duplicate accounts and self-dealt reviews to keep trading fair (only whether two values match can be told; the values are not kept)',
    },
    afterWithdrawal: {
      ja: (p) =>
        `IPアドレスの変換値は${p.identitySignalIpDays}で削除します。そのほかは退会と同時に削除します（利用停止中に退会した場合は「利用停止の記録」のとおり）。`,
      en: (p) =>
        `IP address hashes are deleted after ${p.identitySignalIpDays}; the rest when you leave (if you leave while suspended, see the suspension record).`,
    },
    keptAfterWithdrawal: false,
  },
  {
    key: 'sns',
    name: { ja: 'SNS連携', en: 'Linked SNS accounts' },
    tables: ['sns_identities'],
    holds: {
      ja: '連携したSNSアカウント（GoogleやLINEなど）の識別子の変換値（HMAC）と、連携した日時。SNSのパスワードやプロフィールは保存しません',
      en: 'A keyed hash (HMAC) of each SNS account you linked (e.g. Google, LINE) and when. Never the SNS password or profile',
    },
    purpose: { ja: 'SNSアカウントでのログイン', en: 'Logging in with an SNS account' },
    afterWithdrawal: {
      ja: () => '退会と同時に削除します。',
      en: () => 'Deleted when you leave.',
    },
    keptAfterWithdrawal: false,
  },
  {
    key: 'suspensions',
    name: { ja: '利用停止と運営の操作の記録', en: 'Suspensions and operator actions' },
    tables: ['suspensions', 'operator_actions'],
    holds: {
      ja: 'アカウントの利用停止の記録（理由・期間）と、運営があなたのアカウントに対して行った操作の記録（操作した担当者とともに）',
      en: 'Records of suspensions of your account (reason, period) and of what our team did to your account (with who did it)',
    },
    purpose: {
      ja: '規約違反への対応と、運営の操作の監査',
      en: 'Dealing with rule breaking, and auditing what our team does',
    },
    afterWithdrawal: {
      ja: (p) =>
        `利用停止の記録はアカウントとともに（退会から${p.accountAfterWithdrawalDays}で）削除します。運営の操作の記録は${p.operatorActionsDays}間保存し、その後削除します。`,
      en: (p) =>
        `Suspension records go with the account (${p.accountAfterWithdrawalDays} after leaving). Records of our team’s actions are kept for ${p.operatorActionsDays}, then deleted.`,
    },
    keptAfterWithdrawal: true,
    keptBecause: { ja: '運営の操作を監査するため', en: 'to audit what our team did' },
  },
  {
    key: 'inquiries',
    name: { ja: 'お問い合わせ', en: 'Inquiries' },
    tables: ['inquiries', 'inquiry_messages'],
    holds: {
      ja: 'お問い合わせの内容、お名前、返信先のメールアドレス、運営からの回答',
      en: 'What you wrote to us, your name, the address for our answer, and our answers',
    },
    purpose: { ja: 'お問い合わせへの対応と、その記録', en: 'Answering your inquiries, and keeping a record of them' },
    afterWithdrawal: {
      ja: (p) =>
        `最後のやりとりから${p.inquiriesDays}間保存し、その後削除します（退会後もお問い合わせに答えられるように）。`,
      en: (p) =>
        `Kept for ${p.inquiriesDays} from the last message, then deleted (so we can still answer after you leave).`,
    },
    keptAfterWithdrawal: true,
    keptBecause: { ja: '退会後もお問い合わせに答えられるように', en: 'so we can still answer you after you leave' },
  },
  {
    key: 'documents',
    name: { ja: '書類（領収書・請求書）', en: 'Documents (receipts, invoices)' },
    tables: ['issued_documents', 'invoice_registrations'],
    holds: {
      ja: '発行した領収書・適格請求書・年間取引報告書の番号、発行日、再発行の回数、領収書の宛名と、出品者の適格請求書発行事業者登録番号（書類の中身は取引の記録から作り直すため、PDFは保存しません）',
      en: "The numbers, issue dates and reissue counts of receipts, qualified invoices and annual statements issued to you, the name on a receipt, and a seller's invoice registration number (the PDFs are drawn again from the transaction records, not kept)",
    },
    purpose: {
      ja: '領収書・請求書の発行と再発行（番号を変えず、再発行と分かるように）',
      en: 'Issuing and reissuing receipts and invoices (same number, marked as reissued)',
    },
    afterWithdrawal: {
      ja: (p) =>
        `退会後も、取引の記録が残る間（事業年度の終わりから${p.taxPeriodStartMonths}後を起点に${p.transactionYears}間）は、お問い合わせいただければ運営が書類を再発行します。もとになる取引の記録が削除されるときに、あわせて削除します。`,
      en: (p) =>
        `After you leave, support can reissue your documents on request while the transaction records are kept (${p.transactionYears} from ${p.taxPeriodStartMonths} after the end of the fiscal year). They are deleted with the transaction records they come from.`,
    },
    keptAfterWithdrawal: true,
    keptBecause: {
      ja: '退会後も領収書・請求書を再発行できるように（税法で定められた取引の記録と同じ期間）',
      en: 'so receipts and invoices can be reissued after you leave (as long as the transaction records tax law requires)',
    },
  },
  {
    key: 'consents',
    name: { ja: '利用規約への同意の記録', en: 'Agreements to the terms' },
    tables: ['terms_consents'],
    holds: {
      ja: '同意した利用規約の版とプライバシーポリシーの改定日、同意した日時、そのときのIPアドレスとブラウザの種類、登録時に選んだ年齢の区分（18歳以上か、法定代理人の同意を得た18歳未満か）',
      en: 'Which version of the terms of use and revision of the privacy policy you agreed to, when, the IP address and browser you used, and the age you gave at sign-up (18 or over, or under 18 with a guardian’s agreement)',
    },
    purpose: {
      ja: 'どの規約に同意いただいたかの証明、18歳未満の方の売上金の振込の制限',
      en: 'Proving which terms you agreed to; holding back payouts to members under 18',
    },
    afterWithdrawal: {
      ja: (p) => `退会から${p.consentsAfterWithdrawalDays}間保存し、その後削除します。`,
      en: (p) => `Kept for ${p.consentsAfterWithdrawalDays} after you leave, then deleted.`,
    },
    keptAfterWithdrawal: true,
    keptBecause: {
      ja: '規約にもとづく請求ができる間（民法第166条）、同意した内容を証明するため',
      en: 'to prove what was agreed while a claim under the terms can still be made (Civil Code art. 166)',
    },
  },
  ...socialDataCategories,
];

/** What happens to a category's data after 退会, in words, for the periods in force. */
export function afterWithdrawalText(category: DataCategory, locale: Locale, periods: Periods): string {
  return category.afterWithdrawal[locale](periodWords(locale, periods));
}
