import { defineStrings } from '../platform/i18n';

export const exportStrings = defineStrings({
  ja: {
    title: 'データのダウンロード',
    hint: 'あなたのデータをまとめてZIPファイルで保存',
    lead: (kept: string) =>
      `プロフィール、取引、売上金とポイントの記録、メッセージ（添付ファイルつき）、評価、フォロー、セキュリティ履歴を、1つのZIPファイルにまとめます。準備ができたらメールでお知らせします。ファイルは${kept}間ダウンロードでき、その後削除されます。`,
    request: 'データをまとめる',
    progress: '準備の進み具合',
    download: (until: string, size: string | null) => `ダウンロードする（${size ? `ZIP・${size}、` : ''}${until}まで）`,
    failed: '作成できませんでした（途中まで作ったファイルは削除しました）。',
    retry: 'もう一度まとめる',
    expired: '期限切れのため削除しました',
  },
  en: {
    title: 'Download your data',
    hint: 'Save all your data as one ZIP file',
    lead: (kept: string) =>
      `Your profile, orders, sales and points records, messages (with attachments), reviews, follows and security history, gathered into one ZIP file. We email you when it is ready. You can download it for ${kept}; then it is deleted.`,
    request: 'Gather my data',
    progress: 'Progress',
    download: (until: string, size: string | null) => `Download (${size ? `ZIP, ${size}, ` : ''}until ${until})`,
    failed: 'The file could not be made (the partly made file was deleted).',
    retry: 'Try again',
    expired: 'Deleted after it expired',
  },
});
