import type { DataCategory } from './categoryTypes';

// お気に入り, お知らせ, メール設定, ブロック and 通報: listed apart so each feature adds its own line here.
export const socialDataCategories: DataCategory[] = [
  {
    key: 'favorites',
    name: { ja: 'お気に入り', en: 'Favourites' },
    tables: ['favorite_services', 'favorite_sellers'],
    holds: {
      ja: 'お気に入りに追加したサービスと出品者、追加した日時（あなただけに見え、相手には伝わりません）',
      en: 'Services and sellers you added to your favourites, and when (only you see them; nobody is told)',
    },
    purpose: {
      ja: '気になるサービスや出品者をあとで見つけやすくするため',
      en: 'Letting you find services and sellers again',
    },
    afterWithdrawal: {
      ja: () =>
        '退会から数分以内に削除します。休止中はそのまま残ります。あなたを追加したほかの会員のお気に入りからも数分以内に削除します。',
      en: () =>
        'Deleted within minutes of leaving; kept while your account is paused. You are also removed from other members’ favourites within minutes.',
    },
    keptAfterWithdrawal: false,
  },
  {
    key: 'blocks',
    name: { ja: 'ブロック', en: 'Blocks' },
    tables: ['blocks'],
    holds: {
      ja: 'あなたがブロックしたユーザーと、その日時（相手には伝わりません）',
      en: 'Members you blocked, and when (they are not told)',
    },
    purpose: {
      ja: 'ブロックした相手からのメッセージとフォローを止めるため',
      en: 'Stopping messages and follows between you and members you blocked',
    },
    afterWithdrawal: {
      ja: () =>
        '退会から数分以内に削除します（あなたをブロックしたほかの会員の記録も含みます）。休止中はそのまま残ります。',
      en: () =>
        'Deleted within minutes of leaving (with other members’ blocks of you); kept while your account is paused.',
    },
    keptAfterWithdrawal: false,
  },
  {
    key: 'notifications',
    name: { ja: 'お知らせとメール設定', en: 'Notifications and email settings' },
    tables: ['notifications', 'mail_settings', 'mail_stop_tokens'],
    holds: {
      ja: 'サイトの「お知らせ」（件名とリンク、既読かどうか）、メール設定（種類ごとに受け取るかどうか）、メールの停止リンク（ハッシュ値のみ）',
      en: 'Notifications on the site (subject, link, read or not), email settings (each kind on or off), and email stop links (hashes only)',
    },
    purpose: {
      ja: 'お知らせの表示と、ご希望どおりのメール送信',
      en: 'Showing notifications, and sending only the emails you want',
    },
    afterWithdrawal: {
      ja: (p) =>
        `お知らせは${p.notificationsDays}で削除します。退会した場合は、お知らせ・メール設定・停止リンクを数分以内に削除します。`,
      en: (p) =>
        `Notifications are deleted after ${p.notificationsDays}. If you leave, notifications, email settings and stop links are deleted within minutes.`,
    },
    keptAfterWithdrawal: false,
  },
  {
    key: 'reports',
    name: { ja: '通報', en: 'Reports' },
    tables: ['reports', 'hidden_content'],
    holds: {
      ja: 'あなたが運営に送った通報（対象、理由、くわしい内容）と、運営の対応の記録。通報したことは相手に伝わりません',
      en: 'Reports you sent to the operators (what, why, your details) and what the operators did. The member reported is not told who reported',
    },
    purpose: {
      ja: '規約違反への対応と、同じ会員による繰り返しの確認',
      en: 'Dealing with rule breaking, and noticing repeated trouble from the same member',
    },
    afterWithdrawal: {
      ja: (p) =>
        `運営が対応を決めてから${p.reportsDecidedDays}間保存し、その後削除します（退会しても、確認中の通報は残ります）。`,
      en: (p) =>
        `Kept for ${p.reportsDecidedDays} from the operators’ decision, then deleted (reports still being checked stay after you leave).`,
    },
    keptAfterWithdrawal: true,
    keptBecause: {
      ja: '同じ会員による繰り返しのトラブルを確認するため',
      en: 'to notice repeated trouble from the same member',
    },
  },
];
