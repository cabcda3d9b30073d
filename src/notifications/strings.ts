import { defineStrings } from '../platform/i18n';

export const notificationStrings = defineStrings({
  ja: {
    title: 'お知らせ',
    bell: (n: number) => (n > 0 ? `お知らせ（未読${n}件）` : 'お知らせ'),
    none: 'お知らせはまだありません。',
    unread: '未読',
    markAllRead: 'すべて既読にする',
    marked: 'すべて既読にしました。',
    settingsLink: 'メール設定',
    settingsHint: 'お知らせのメールを種類ごとに受け取るか選ぶ',
    settingsTitle: 'メール設定',
    settingsLead:
      'どの種類のお知らせをメールでも受け取るかを選べます。メールを止めても、サイトの「お知らせ」には届きます。',
    required:
      'ログインやパスワードなどのセキュリティ、利用規約や退会などの大切な手続き、お金（振込・返金）のメールは、止めることができません。',
    kinds: {
      messages: 'メッセージ',
      orders: '取引の進み具合',
      offers: '見積り提案',
      follows: 'フォロー',
      news: '運営からのお知らせ',
    },
    on: '受け取る',
    off: '受け取らない',
    invalid: '「受け取る」か「受け取らない」を選んでください。',
    save: '保存する',
    saved: 'メール設定を保存しました。',
    stopTitle: 'お知らせメールの停止',
    stopConfirm: (kind: string) =>
      `「${kind}」のメールを止めます。よろしければ下のボタンを押してください（ログインは不要です）。`,
    stopButton: 'このメールを止める',
    stopped: (kind: string) =>
      `「${kind}」のメールを止めました。ほかの種類のメールとセキュリティのメールは引き続き届きます。メール設定からいつでも元に戻せます。`,
    stopUsed: 'このリンクはすでに使われたか、正しくありません。メール設定はログインしてから変更できます。',
  },
  en: {
    title: 'Notifications',
    bell: (n: number) => (n > 0 ? `Notifications (${n} unread)` : 'Notifications'),
    none: 'No notifications yet.',
    unread: 'Unread',
    markAllRead: 'Mark all as read',
    marked: 'All marked as read.',
    settingsLink: 'Email settings',
    settingsHint: 'Choose which kinds of notice also come by email',
    settingsTitle: 'Email settings',
    settingsLead:
      'Choose which kinds of notifications also come by email. Stopped emails still appear under Notifications on the site.',
    required:
      'Emails about security (login, password), important procedures (terms, leaving) and money (payouts, refunds) cannot be turned off.',
    kinds: {
      messages: 'Messages',
      orders: 'Order updates',
      offers: 'Offers',
      follows: 'Follows',
      news: 'News from Wazaichi',
    },
    on: 'Receive',
    off: 'Do not receive',
    invalid: 'Please choose “Receive” or “Do not receive”.',
    save: 'Save',
    saved: 'Email settings saved.',
    stopTitle: 'Stop these emails',
    stopConfirm: (kind: string) =>
      `This stops emails about “${kind}”. Press the button below to confirm (no login needed).`,
    stopButton: 'Stop these emails',
    stopped: (kind: string) =>
      `Emails about “${kind}” are stopped. Other kinds and security emails still come. You can turn them back on in email settings.`,
    stopUsed: 'This link was already used or is not valid. You can change email settings after logging in.',
  },
});
