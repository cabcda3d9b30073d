import { defineStrings } from '../platform/i18n';

export const blockingStrings = defineStrings({
  ja: {
    block: 'ブロックする',
    unblock: 'ブロックを解除',
    blockHint:
      'ブロックすると、お互いにメッセージ（見積もり相談）・フォロー・見積り提案・公開依頼への提案・購入ができなくなり、フォローと未回答の提案は終わります。相手にはブロックしたことは伝わりません。進行中の取引のメッセージはそのまま使えます。',
    settingsHint: 'ブロックしたユーザーの確認と解除',
    blockedNotice: 'ブロックしました。相手には伝わりません。',
    unblockedNotice: 'ブロックを解除しました。',
    listTitle: 'ブロックしたユーザー',
    listLink: 'ブロックしたユーザー',
    none: 'ブロックしているユーザーはいません。',
    blockedAt: (when: string) => `${when}にブロック`,
    goneMember: '退会したユーザー',
    back: 'プロフィールへ戻る',
  },
  en: {
    block: 'Block',
    unblock: 'Unblock',
    blockHint:
      'Once blocked, neither of you can message (direct messages), follow, send custom offers, propose on job requests or buy from the other; follows and open offers and proposals between you end. They are not told. Messages in an order already under way still work.',
    settingsHint: 'See and unblock the members you blocked',
    blockedNotice: 'Blocked. They are not told.',
    unblockedNotice: 'Unblocked.',
    listTitle: 'Blocked members',
    listLink: 'Blocked members',
    none: 'You have not blocked anyone.',
    blockedAt: (when: string) => `Blocked ${when}`,
    goneMember: 'Former member',
    back: 'Back to the profile',
  },
});
