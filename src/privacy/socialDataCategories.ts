import type { DataCategory } from './dataCategories';

// お気に入り, お知らせ, メール設定, ブロック and 通報: listed apart so each feature adds its own line here.
export const socialDataCategories: DataCategory[] = [
  {
    key: 'favorites',
    tables: ['favorite_services', 'favorite_sellers'],
    holds: { ja: 'お気に入りに追加したサービスと出品者、追加した日時（あなただけに見え、相手には伝わりません）', en: 'Services and sellers you added to your favourites, and when (only you see them; nobody is told)' },
    purpose: { ja: '気になるサービスや出品者をあとで見つけやすくするため', en: 'Letting you find services and sellers again' },
    afterWithdrawal: { ja: '退会から数分以内に削除します。休止中はそのまま残ります。あなたを追加したほかの会員のお気に入りからも数分以内に削除します。', en: 'Deleted within minutes of leaving; kept while your account is paused. You are also removed from other members’ favourites within minutes.' },
    keptAfterWithdrawal: false,
  },
];
