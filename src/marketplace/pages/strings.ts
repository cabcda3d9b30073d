import { defineStrings } from '../../platform/i18n';

// The words of the service cards, the service page's frame and the order room's progress.
export const showcaseStrings = defineStrings({
  ja: {
    taxIncluded: '税込',
    card: { ratingCount: (n: number) => `（${n}）`, noRating: '評価なし' },
    service: {
      breadcrumbs: 'パンくずリスト',
      home: 'ホーム',
      gallery: '画像',
      showImage: (n: number, total: number) => `画像 ${n}/${total} を表示`,
      delivery: (days: string) => `お届け日数 ${days}`,
      sellerCard: '出品者',
      rating: '評価',
      sales: (n: number) => `販売実績 ${n}件`,
      phoneVerified: '電話番号確認済み',
      profile: 'プロフィールを見る',
      buyNow: '購入手続きへ',
      close: '閉じる',
    },
    order: {
      progress: '取引の進み具合',
      steps: { purchased: '購入', working: '作業中', delivered: '納品', approval: '承認', done: '完了' },
      ended: { cancelled: 'この取引はキャンセルされました。', disputed: '運営が取引の問題を確認しています。' },
      due: (date: string) => `お届け予定日：${date}`,
      autoApprove: (date: string) => `自動承認日：${date}（それまでに承認・差し戻しがなければ自動で承認されます）`,
      nextTitle: '次にすること',
      waiting: (name: string) => `いまは${name}さんの番です。お知らせが届くまでお待ちください。`,
      next: {
        deliver: (date: string) => `作業を進めて、${date}までに「納品する」から納品してください。`,
        approve: (date: string) =>
          `納品された内容を確認して、問題がなければ「承認する」を押してください。${date}に自動で承認されます。`,
        answerCancel: '相手からキャンセルの申し出があります。同意するか、取引を続けるかを選んでください。',
        review: '取引は完了しました。相手の評価を書いてください。',
      },
      chat: 'メッセージ',
      stars: (n: number) => `${n}つ星`,
    },
  },
  en: {
    taxIncluded: 'tax incl.',
    card: { ratingCount: (n: number) => ` (${n})`, noRating: 'No ratings' },
    service: {
      breadcrumbs: 'Breadcrumbs',
      home: 'Home',
      gallery: 'Pictures',
      showImage: (n: number, total: number) => `Show picture ${n} of ${total}`,
      delivery: (days: string) => `Delivery in ${days}`,
      sellerCard: 'Seller',
      rating: 'Rating',
      sales: (n: number) => `${n} sale${n === 1 ? '' : 's'}`,
      phoneVerified: 'Phone verified',
      profile: 'View profile',
      buyNow: 'Continue to purchase',
      close: 'Close',
    },
    order: {
      progress: 'Progress of this order',
      steps: {
        purchased: 'Bought',
        working: 'In progress',
        delivered: 'Delivered',
        approval: 'Approved',
        done: 'Done',
      },
      ended: {
        cancelled: 'This order was cancelled.',
        disputed: 'The operators are looking into a problem with this order.',
      },
      due: (date: string) => `Due: ${date}`,
      autoApprove: (date: string) => `Approved automatically on ${date} unless approved or sent back before.`,
      nextTitle: 'What to do next',
      waiting: (name: string) => `It is ${name}'s turn now. You will be notified.`,
      next: {
        deliver: (date: string) => `Do the work and deliver it with “Deliver” by ${date}.`,
        approve: (date: string) =>
          `Check the delivery and press “Approve” if it is fine. It is approved automatically on ${date}.`,
        answerCancel: 'The other side asked to cancel. Agree, or keep the order going.',
        review: 'The order is complete. Please review the other side.',
      },
      chat: 'Messages',
      stars: (n: number) => `${n} star${n === 1 ? '' : 's'}`,
    },
  },
});
