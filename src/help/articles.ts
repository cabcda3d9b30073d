import type { Locale } from '../platform/i18n';
import type { Widen } from '../platform/i18n';
import { periodWords, type PeriodWords, type Periods } from '../retention/periods';

type Link = { href: string; label: string };
/**
 * ヘルプ articles. Each names where in the app the member goes; searching matches title, body and keywords.
 * A paragraph that names periods is a function of them (retention/periods.ts), never a typed number.
 */
type Article = {
  title: string;
  body: string[];
  periods?: (p: PeriodWords) => string;
  link?: Link;
  more?: Link;
  keywords: string;
};
export type HelpArticle = { slug: string; title: string; body: string[]; link?: Link; more?: Link; keywords: string };

const ja = {
  withdrawal: {
    title: '退会したい（アカウントを削除したい）',
    body: [
      '退会の手続きは、画面右上のアカウント名 → 設定 → アカウント設定 → 「退会手続きへ」から行えます。',
      '取引中の取引があると退会できません。振り込まれていない売上金は、振込先口座を登録しておけば、退会と同時に全額を振込手数料なし・最低額なしで振り込みます。手続きの画面で、残っていることとその解決方法を確認できます。',
      'しばらく使わないだけなら、アカウントを残したまま休止することもできます。',
    ],
    periods: (p: PeriodWords) =>
      `退会すると、ログインの設定とプロフィールはすぐに削除します。メールアドレスとパスワードは${p.accountAfterWithdrawalDays}後に、見積もり相談のメッセージは${p.directMessagesAfterWithdrawalDays}後に、取引とお金の記録は税法で定められた${p.transactionYears}の期間のあとに削除します。最後の確認画面と完了メールで、あなたのデータごとの日付をお知らせします。`,
    link: { href: '/settings/account#withdrawal', label: 'アカウント設定を開く' },
    more: { href: '/privacy/retention', label: '保存と削除の流れを見る' },
    keywords: '退会 削除 やめる 解約 アカウント削除 休止',
  },
  password: {
    title: 'パスワードを忘れた・変更したい',
    body: [
      'ログイン画面の「パスワードをお忘れの方」から、登録したメールアドレスに再設定用のリンクを送れます。リンクの有効期限は1時間です。',
      'ログイン中なら、アカウント設定からパスワードを変更できます。変更するとメールでお知らせします。',
    ],
    link: { href: '/password/reset', label: 'パスワードを再設定する' },
    keywords: 'パスワード 忘れた 再設定 変更 ログインできない',
  },
  buying: {
    title: 'サービスを購入するには',
    body: [
      'サービスのページで「購入する」を押すと取引が始まります。ポイントは1ポイント＝1円として使えます。',
      '出品者が納品したら内容を確認して承認してください。納品から一定日数たつと自動で承認されます。',
      '現在の決済はテストモードで、実際のお金は動きません。',
    ],
    keywords: '購入 買う 支払い 決済 ポイント 承認 キャンセル',
  },
  selling: {
    title: 'サービスを出品するには・売上金の受け取り',
    body: [
      'メールアドレスの確認後、「出品する」からサービスを登録できます。画像は5枚まで（PNG・JPEG・WebP、1枚5MBまで）載せられ、最初の1枚（表紙）が検索結果に表示されます。表紙は編集画面で選び直せます。',
      '取引が完了すると、価格から手数料を引いた額が売上金になります。マイページから振込申請ができます（振込手数料がかかります）。',
    ],
    link: { href: '/services/new', label: '出品する' },
    keywords: '出品 売る 画像 写真 表紙 売上金 振込 手数料 出金',
  },
  privacy: {
    title: '個人情報の扱いについて',
    body: ['技市が保存する情報、保存する理由と期間は、プライバシーポリシーにまとめています。'],
    link: { href: '/privacy', label: 'プライバシーポリシーを読む' },
    keywords: '個人情報 プライバシー 開示 削除 データ',
  },
  'privacy-settings': {
    title: '公開設定・「フォロワーのみ」とフォローリクエスト',
    body: [
      'プロフィールや本名・地域・誕生日などを誰に見せるかは、設定 → 公開設定で項目ごとに選べます。',
      '「フォロワーのみ」は、あなたが承認したフォロワーだけです。どれかの項目で「フォロワーのみ」を選んでいる間は、フォローはフォローリクエストになり、メールでお知らせします。承認するまで、相手はフォロワーにならず、「フォロワーのみ」の情報も見えません。リクエストは自分のプロフィールのリンクか、公開設定の画面から承認・拒否できます。',
      '「フォロワーのみ」をどこにも使わない設定にすると承認は要らなくなり、届いているリクエストはすべて承認されます。承認が要らなかった間にフォローした会員もフォロワーです。自分のフォロワー一覧の「フォロワーから外す」で外せます。',
      'フォロー・フォロワーの一覧には、プロフィールやフォローの一覧を見る人に公開していない会員は表示されません。',
    ],
    link: { href: '/settings/privacy', label: '公開設定を開く' },
    keywords: '公開設定 フォロワーのみ フォロワー フォロー フォローリクエスト 承認 拒否 本名 非公開 鍵',
  },
  'one-account': {
    title: '1人1アカウント・SNSでのログイン',
    body: [
      '技市では、1人が持てるアカウントは1つです。同じ電話番号・SNSアカウント・振込先などを使う別のアカウントが見つかると、運営が確認し、どちらかを利用停止にすることがあります。',
      'アカウントの統合（2つのアカウントをまとめること）はできません。取引・評価・売上金・ポイントは、それぞれのアカウントに残ります。',
      'GoogleやLINEなどのSNSアカウントで登録・ログインできます。メールアドレスで登録済みの方は、ログインしてから「アカウント設定」でSNSアカウントを連携してください。連携の解除もそこからできます（ログインの方法が1つもなくなる解除はできません）。',
      '利用停止に心当たりがない場合は、お問い合わせから「アカウント停止への異議」を選んでお知らせください。',
    ],
    link: { href: '/support?category=duplicate_accounts', label: 'お問い合わせ' },
    keywords: '複数アカウント 統合 まとめる 2つ SNS Google LINE Apple 連携 ログイン 利用停止 異議 凍結',
  },
  contact: {
    title: 'お問い合わせ',
    body: [
      'お問い合わせフォームから送ると受付番号をお知らせし、担当者がメールでお返事します。会員の方はマイページの「お問い合わせ履歴」でやりとりを確認できます。',
      '退会した後でも、登録していたメールアドレスで個人情報の開示・削除などをお問い合わせいただけます。',
    ],
    link: { href: '/support', label: 'お問い合わせフォーム' },
    keywords: '問い合わせ 連絡 サポート 質問 開示 削除 受付番号',
  },
};

const en: Widen<typeof ja> = {
  withdrawal: {
    title: 'Leaving Wazaichi (deleting your account)',
    body: [
      'To leave, open your account name at the top right → Settings → Account settings → "Start leaving".',
      'You cannot leave while an order is in progress. Sales not yet paid out are transferred in full when you leave, with no fee and no minimum, once your payout bank account is registered. The leaving screens show what is left and how to settle it.',
      'If you only want a break, you can pause your account instead.',
    ],
    periods: (p: PeriodWords) =>
      `When you leave, your login settings and profile are deleted at once; your email address and password after ${p.accountAfterWithdrawalDays}, direct messages after ${p.directMessagesAfterWithdrawalDays}, and order and money records after the ${p.transactionYears} tax law requires. The last step and the completion email give the date for each kind of your data.`,
    link: { href: '/settings/account#withdrawal', label: 'Open account settings' },
    more: { href: '/privacy/retention', label: 'See what is kept and when it goes' },
    keywords: 'leave withdraw delete close account cancel membership pause 退会',
  },
  password: {
    title: 'Forgot or want to change your password',
    body: [
      'Use "Forgot your password?" on the login page to get a reset link by email. It is valid for one hour.',
      'While logged in, change it in Account settings. We email you when it changes.',
    ],
    link: { href: '/password/reset', label: 'Reset password' },
    keywords: 'password forgot reset change cannot log in',
  },
  buying: {
    title: 'Buying a service',
    body: [
      'Press "Buy" on a service page to start an order. Points count as one yen each.',
      'When the seller delivers, check and approve. Orders are approved automatically after a set number of days.',
      'Payments are in test mode for now: no real money moves.',
    ],
    keywords: 'buy purchase pay payment points approve cancel',
  },
  selling: {
    title: 'Selling and receiving your sales',
    body: [
      'After confirming your email, use "Sell a service" to list one. You can add up to five images (PNG, JPEG or WebP, 5 MB each); the first (the cover) shows in search results, and you can choose another cover on the edit page.',
      'When an order completes, the price minus the platform fee is added to your sales balance. Request a payout from My page (a transfer fee applies).',
    ],
    link: { href: '/services/new', label: 'Sell a service' },
    keywords: 'sell listing image photo cover sales payout fee withdraw money',
  },
  privacy: {
    title: 'How we handle personal information',
    body: ['What we keep, why and for how long is set out in the privacy policy.'],
    link: { href: '/privacy', label: 'Read the privacy policy' },
    keywords: 'privacy personal data disclosure deletion',
  },
  'privacy-settings': {
    title: 'Privacy settings, "Followers only" and follow requests',
    body: [
      'Choose who sees your profile and each detail (real name, area, birthday and more) under Settings → Privacy.',
      '"Followers only" means followers you approved. While any item is set to "Followers only", a follow becomes a follow request and we email you. Until you approve it, that member is not your follower and sees nothing set to "Followers only". Approve or decline requests from the link on your profile or on the Privacy page.',
      'Once you use "Followers only" nowhere, no approval is needed and every waiting request is approved. Members who followed you while no approval was needed are followers too; remove them with "Remove follower" on your list of followers.',
      'Follow lists leave out members who do not show their profile or their own follow lists to the person looking.',
    ],
    link: { href: '/settings/privacy', label: 'Open privacy settings' },
    keywords: 'privacy settings followers only follower follow request approve decline protected real name',
  },
  'one-account': {
    title: 'One account per person, and SNS login',
    body: [
      'On Wazaichi one person may hold one account. When another account uses the same phone number, SNS account, payout account or similar, our team checks it and may suspend one of them.',
      'Accounts are never merged. Orders, reviews, sales balance and points stay with the account they belong to.',
      'You can sign up and log in with an SNS account such as Google or LINE. If you already signed up with your email address, log in and link the SNS account under Account settings; you can remove the link there too (not your only way in).',
      'If you think a suspension is wrong, contact us and choose "Appeal against a suspension".',
    ],
    link: { href: '/support?category=duplicate_accounts', label: 'Contact us' },
    keywords: 'duplicate accounts merge two SNS Google LINE Apple link login suspended appeal',
  },
  contact: {
    title: 'Contacting us',
    body: [
      'Send the contact form: you get a reference number and we answer by email. Members can follow the thread under My page → Your inquiries.',
      'Even after leaving, you can ask for disclosure or deletion of your information from the address you used.',
    ],
    link: { href: '/support', label: 'Contact form' },
    keywords: 'contact support question disclosure deletion reference',
  },
};

// Articles keyed by slug: English must have exactly the articles Japanese has (a type error otherwise).
const articles: Record<Locale, Record<string, Article>> = { ja: ja satisfies Record<string, Article>, en };
export const helpArticles = (locale: Locale, periods: Periods): HelpArticle[] =>
  Object.entries(articles[locale]).map(([slug, { periods: periodText, body, ...a }]) => ({
    slug,
    ...a,
    body: periodText ? [...body, periodText(periodWords(locale, periods))] : body,
  }));

/** Help search: every word must appear somewhere in the article. */
export function searchHelp(locale: Locale, query: string, periods: Periods): HelpArticle[] {
  const words = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return helpArticles(locale, periods);
  return helpArticles(locale, periods).filter((a) => {
    const text = `${a.title} ${a.body.join(' ')} ${a.keywords}`.normalize('NFKC').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
