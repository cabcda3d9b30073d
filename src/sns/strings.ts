import { defineStrings } from '../platform/i18n';

export const snsStrings = defineStrings({
  ja: {
    continueWith: (provider: string) => `${provider}で続ける`,
    or: 'または',
    term: 'SNSログイン',
    termHelp:
      'GoogleやLINEなど、お使いのSNSのアカウントで本人確認してログインする方法です。技市にSNSのパスワードが渡ることはありません。',
    signupTitle: 'SNSアカウントで会員登録',
    signupLead: (provider: string) =>
      `${provider}で本人確認ができました。技市で使うユーザー名と表示名を決めてください。`,
    emailFromProvider: (provider: string) => `メールアドレス（${provider}で確認済み）`,
    signupSubmit: '登録する',
    oneAccount:
      '技市は1人1アカウントです。すでにアカウントをお持ちの場合は、そのアカウントでログインしてから「アカウント設定」でSNSを連携してください（アカウントの統合はできません）。',
    settingsTitle: 'SNSアカウント連携',
    settingsLead: '連携したSNSアカウントでもログインできます。ログインの方法が1つもなくなる解除はできません。',
    linked: (when: string) => `連携中（${when}から）`,
    notLinked: '未連携',
    link: '連携する',
    unlink: '連携を解除する',
    linkedNotice: 'SNSアカウントを連携しました。',
    unlinkedNotice: 'SNSアカウントの連携を解除しました。',
    reauthWith: (provider: string) => `${provider}で本人確認する`,
    noPassword: 'パスワードは未設定です（SNSアカウントでログインしています）。',
    setPasswordTitle: 'パスワードを設定する',
    setPasswordLead:
      'パスワードを設定すると、メールアドレスとパスワードでもログインでき、SNSアカウントの連携を解除できるようになります。',
    errors: {
      unknownProvider: 'そのSNSには対応していません。',
      cancelled: 'SNSでの本人確認が完了しませんでした（キャンセルされたか、時間切れです）。もう一度お試しください。',
      providerDown: 'SNSとの通信に失敗しました。しばらくしてからもう一度お試しください。',
      noVerifiedEmail:
        'このSNSアカウントからは確認済みのメールアドレスを受け取れませんでした。メールアドレスで会員登録してください。',
      emailHasAccount:
        'このメールアドレスの技市アカウントがすでにあります。メールアドレスとパスワードでログインしてから、「アカウント設定」でSNSアカウントを連携してください。',
      linkedElsewhere: 'このSNSアカウントは、別の技市アカウントに連携済みです。',
      providerAlreadyLinked: 'このSNSには、すでに別のアカウントを連携しています。先に解除してください。',
      lastWayIn:
        'ログインの方法がなくなるため解除できません。先にパスワードを設定するか、ほかのSNSアカウントかパスキーを登録してください。',
      notLinkedToYou: 'このSNSアカウントは、あなたの技市アカウントに連携されていません。',
    },
  },
  en: {
    continueWith: (provider: string) => `Continue with ${provider}`,
    or: 'or',
    term: 'SNS login',
    termHelp:
      'Logging in by proving who you are with an account you already have, such as Google or LINE. Wazaichi never sees that account’s password.',
    signupTitle: 'Sign up with an SNS account',
    signupLead: (provider: string) =>
      `${provider} confirmed who you are. Choose the username and display name you will use on Wazaichi.`,
    emailFromProvider: (provider: string) => `Email address (confirmed by ${provider})`,
    signupSubmit: 'Sign up',
    oneAccount:
      'Wazaichi allows one account per person. If you already have one, log in to it and link the SNS account under Account settings (accounts cannot be merged).',
    settingsTitle: 'Linked SNS accounts',
    settingsLead: 'You can also log in with a linked SNS account. A link cannot be removed if it is your only way in.',
    linked: (when: string) => `Linked (since ${when})`,
    notLinked: 'Not linked',
    link: 'Link',
    unlink: 'Remove link',
    linkedNotice: 'The SNS account is now linked.',
    unlinkedNotice: 'The SNS account is no longer linked.',
    reauthWith: (provider: string) => `Confirm with ${provider}`,
    noPassword: 'No password set (you log in with an SNS account).',
    setPasswordTitle: 'Set a password',
    setPasswordLead: 'With a password you can also log in with your email address, and remove SNS links.',
    errors: {
      unknownProvider: 'That SNS is not supported.',
      cancelled: 'The SNS check did not finish (it was cancelled or took too long). Please try again.',
      providerDown: 'We could not reach the SNS. Please try again later.',
      noVerifiedEmail:
        'This SNS account did not give us a confirmed email address. Please sign up with your email address.',
      emailHasAccount:
        'There is already a Wazaichi account with this email address. Log in with your email and password, then link the SNS account under Account settings.',
      linkedElsewhere: 'This SNS account is linked to another Wazaichi account.',
      providerAlreadyLinked: 'Another account of this SNS is already linked. Remove that link first.',
      lastWayIn:
        'This is your only way in, so it cannot be removed. Set a password first, or add another SNS account or a passkey.',
      notLinkedToYou: 'This SNS account is not linked to your Wazaichi account.',
    },
  },
});
