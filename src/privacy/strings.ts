import { defineStrings } from '../platform/i18n';

export const privacyStrings = defineStrings({
  ja: {
    title: 'プライバシーポリシー',
    revision: (revision: string) =>
      `改定日：${revision}（会員登録と利用規約への同意の際に、この版への同意を記録します）`,
    lead: '技市が保存する個人情報と、その理由をまとめています。この一覧は、アプリが実際に保存している項目から作られています。',
    category: '情報の種類',
    holds: '内容',
    purpose: '利用目的',
    afterWithdrawal: '退会したあと',
    banned:
      '退会後に同じメールアドレスで再登録できます（新しいアカウントになり、以前の取引や評価は引き継がれません）。',
    thirdParties: '法令に基づく場合を除き、個人情報を第三者に提供することはありません。',
    rights: '保存している情報の開示、訂正、利用停止、消去のご請求は、ヘルプからお問い合わせください。',
    passwords: 'パスワードは元に戻せない形（Argon2id）でのみ保存し、運営も知ることはできません。',
    transactionSetting: (years: string) =>
      `取引・支払い・振込の記録は、法人税法施行規則にもとづき${years}間保存します（欠損金の繰越しがある事業年度の記録は、法律の定めにより長く保存します）。`,
    backups: (span: string) =>
      `障害や誤操作から復旧するためのバックアップは、${span}たつと自動で消えます。削除したデータがバックアップに残るのはこの間だけで、削除したデータを戻すためにバックアップを使うことはありません。`,
    timelineLink: '保存と削除の流れを図で見る',
    timeline: {
      title: '保存と削除の流れ',
      lead: '退会したとき、それぞれのデータがいつ削除されるかを時間の順に示します。期間は、アプリが実際に削除に使っている設定から作られています。',
      atOnce: '退会と同時に',
      minutes: '数分以内',
      after: (span: string) => `${span}後`,
      transactions: (years: string, months: string, month: string) =>
        `事業年度の終わり（${month}末）から${months}後を起点に${years}`,
      back: 'プライバシーポリシーに戻る',
    },
    settings: {
      title: '公開設定',
      hint: 'プロフィールや個人情報を誰に見せるか、誰からメッセージを受け取るか',
      lead: 'それぞれの情報を、誰に見せるか選べます。「フォロワーのみ」は、あなたが承認したフォロワーだけです。',
      followersOnly:
        'どれかの項目で「フォロワーのみ」を選んでいる間は、フォローはフォローリクエストになり、あなたが承認するまでフォロワーになりません（それまで「フォロワーのみ」の情報は見えません）。「フォロワーのみ」をどこにも使わない設定にすると、承認が要らなくなり、届いているリクエストはすべて承認されます。承認が要らなかった間にフォローした会員もフォロワーです。自分のフォロワー一覧から外せます。',
      autoApproved: (n: number) => `承認が不要な設定になったため、届いていたフォローリクエスト${n}件を承認しました。`,
      audiences: {
        public: '誰でも（ログインしていない人も）',
        members: '会員のみ',
        followers: 'フォロワーのみ',
        private: '自分だけ',
      },
      fields: {
        profile: 'プロフィール全体',
        realName: '本名',
        location: '地域',
        birthday: '誕生日',
        website: 'Webサイト',
        follows: 'フォロー・フォロワーの一覧',
      },
      noindex: '検索エンジン（Googleなど）にプロフィールを表示しない',
      directMessages: 'メッセージ（見積もり相談）を受け取る相手',
      dm: { everyone: 'すべての会員', traded: '取引したことのある会員のみ', nobody: '受け取らない' },
      save: '保存する',
      saved: '公開設定を保存しました。',
      profileHidden: 'このプロフィールは公開されていません。',
    },
    followRequests: {
      title: 'フォローリクエスト',
      link: (n: number) => `フォローリクエスト（${n}件）`,
      lead: '「フォロワーのみ」を選んでいる間、フォローはリクエストになります。承認した会員だけがフォロワーになり、「フォロワーのみ」の情報を見られます。',
      none: '承認を待っているリクエストはありません。',
      since: (when: string) => `${when}にリクエスト`,
      approve: '承認する',
      decline: '拒否する',
      approved: 'フォローリクエストを承認しました。',
      declined: 'フォローリクエストを拒否しました。',
      removed: 'フォロワーから外しました。',
      remove: 'フォロワーから外す',
      requested: 'リクエスト中',
      cancel: '取り消す',
      following: 'フォロー中',
      approvalHint: 'このメンバーのフォローは承認制です。承認されるまで「リクエスト中」になります。',
      followersOnlyProfile:
        'このプロフィールはフォロワーだけに公開されています。フォローリクエストを送り、承認されると見られます。',
    },
  },
  en: {
    title: 'Privacy policy',
    revision: (revision: string) =>
      `Revised: ${revision} (your agreement to this revision is recorded when you sign up or agree to the terms)`,
    lead: 'What personal information Wazaichi keeps, and why. This list is built from what the app actually stores.',
    category: 'Kind of information',
    holds: 'What it is',
    purpose: 'Why we keep it',
    afterWithdrawal: 'After you leave',
    banned:
      'After leaving you can register again with the same address (as a new account; past orders and reviews do not carry over).',
    thirdParties: 'We do not give personal information to third parties, except where the law requires it.',
    rights:
      'To ask for disclosure, correction, suspension of use or deletion of your information, contact us through the help page.',
    transactionSetting: (years: string) =>
      `Records of orders, payments and payouts are kept for ${years}, as the Corporation Tax Act regulations require (longer for fiscal years with a carried-forward loss, as the law requires).`,
    backups: (span: string) =>
      `Backups, kept to recover from a failure or a mistake, are deleted automatically after ${span}. Deleted data stays in a backup only that long, and a backup is never used to bring deleted data back.`,
    timelineLink: 'See the timeline of what is kept and deleted',
    timeline: {
      title: 'What is kept, and when it goes',
      lead: 'When you leave, each kind of data goes at its own time, shown here in order. The periods come from the settings the app actually deletes by.',
      atOnce: 'When you leave',
      minutes: 'Within minutes',
      after: (span: string) => `After ${span}`,
      transactions: (years: string, months: string, month: string) =>
        `${years} from ${months} after the end of the fiscal year (end of ${month})`,
      back: 'Back to the privacy policy',
    },
    passwords:
      'Passwords are stored only in a form that cannot be reversed (Argon2id); not even our staff can read them.',
    settings: {
      title: 'Privacy',
      hint: 'Who sees your profile and details, who may message you',
      lead: 'Choose who sees each piece of information. "Followers only" means followers you approved.',
      followersOnly:
        'While any item is set to "Followers only", a follow becomes a follow request, and nobody becomes your follower until you approve them (until then they see nothing set to "Followers only"). Once you use "Followers only" nowhere, no approval is needed and every waiting request is approved. Members who followed you while no approval was needed are followers too; you can remove them from your list of followers.',
      autoApproved: (n: number) =>
        `No approval is needed any more, so the ${n} waiting follow request(s) were approved.`,
      audiences: {
        public: 'Anyone (even without logging in)',
        members: 'Members only',
        followers: 'Followers only',
        private: 'Only me',
      },
      fields: {
        profile: 'Whole profile',
        realName: 'Real name',
        location: 'Area',
        birthday: 'Birthday',
        website: 'Website',
        follows: 'Following and follower lists',
      },
      noindex: 'Keep my profile out of search engines (Google etc.)',
      directMessages: 'Who may send me messages',
      dm: { everyone: 'Any member', traded: 'Only members I have traded with', nobody: 'Nobody' },
      save: 'Save',
      saved: 'Privacy settings saved.',
      profileHidden: 'This profile is not public.',
    },
    followRequests: {
      title: 'Follow requests',
      link: (n: number) => `Follow requests (${n})`,
      lead: 'While you use "Followers only", a follow becomes a request. Only members you approve become followers and see what you set to "Followers only".',
      none: 'No requests are waiting.',
      since: (when: string) => `Asked on ${when}`,
      approve: 'Approve',
      decline: 'Decline',
      approved: 'Follow request approved.',
      declined: 'Follow request declined.',
      removed: 'Removed from your followers.',
      remove: 'Remove follower',
      requested: 'Requested',
      cancel: 'Cancel request',
      following: 'Following',
      approvalHint: 'This member approves followers. Your follow stays a request until they approve it.',
      followersOnlyProfile:
        'This profile is shown to followers only. Send a follow request; once it is approved you can see it.',
    },
  },
});
