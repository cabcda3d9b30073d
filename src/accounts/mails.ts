import { defineMail } from '../platform/mail/render';
import { japanDateTime } from '../platform/i18n/dates';

// Account emails, Japanese and English side by side so both stay in step.

export const verifyEmailMail = defineMail<{ name: string; url: string }>({
  ja: (d) => ({
    subject: '【技市】メールアドレスの確認',
    greeting: `${d.name} 様`,
    paragraphs: [
      '技市へのご登録ありがとうございます。下のボタンを押して、メールアドレスの確認を完了してください。',
      'リンクの有効期限は24時間です。',
    ],
    action: { label: 'メールアドレスを確認する', url: d.url },
    footnotes: ['このメールに心当たりがない場合は、何もせずに削除してください。アカウントは有効になりません。'],
  }),
  en: (d) => ({
    subject: '[Wazaichi] Confirm your email address',
    greeting: `Dear ${d.name},`,
    paragraphs: [
      'Thank you for signing up. Press the button below to confirm your email address.',
      'The link is valid for 24 hours.',
    ],
    action: { label: 'Confirm email address', url: d.url },
    footnotes: ['If you did not sign up, simply delete this email. The account will not be activated.'],
  }),
});

export const signupAttemptMail = defineMail<{ loginUrl: string; resetUrl: string }>({
  ja: (d) => ({
    subject: '【技市】このメールアドレスで登録の申し込みがありました',
    greeting: '技市をご利用いただきありがとうございます。',
    paragraphs: [
      'このメールアドレスで新しく会員登録の申し込みがありましたが、このアドレスはすでに登録済みです。',
      `ご本人の場合は、ログインしてください：${d.loginUrl}`,
      `パスワードをお忘れの場合は、こちらから再設定できます：${d.resetUrl}`,
    ],
    footnotes: ['心当たりがない場合は、このメールを無視してください。アカウントは変更されていません。'],
  }),
  en: (d) => ({
    subject: '[Wazaichi] Someone tried to sign up with this address',
    greeting: 'Hello,',
    paragraphs: [
      'Someone tried to sign up with this email address, but it already has an account.',
      `If it was you, please log in: ${d.loginUrl}`,
      `If you forgot your password, you can reset it here: ${d.resetUrl}`,
    ],
    footnotes: ['If it was not you, ignore this email. Your account has not been changed.'],
  }),
});

export const passwordResetMail = defineMail<{ name: string; url: string }>({
  ja: (d) => ({
    subject: '【技市】パスワード再設定のご案内',
    greeting: `${d.name} 様`,
    paragraphs: [
      'パスワード再設定の申し込みを受け付けました。下のボタンから新しいパスワードを設定してください。',
      'リンクの有効期限は1時間で、1回だけ使えます。',
    ],
    action: { label: 'パスワードを再設定する', url: d.url },
    footnotes: ['心当たりがない場合は、このメールを無視してください。パスワードは変わりません。'],
  }),
  en: (d) => ({
    subject: '[Wazaichi] Reset your password',
    greeting: `Dear ${d.name},`,
    paragraphs: [
      'We received a request to reset your password. Use the button below to choose a new one.',
      'The link is valid for one hour and works once.',
    ],
    action: { label: 'Reset password', url: d.url },
    footnotes: ['If you did not ask for this, ignore this email. Your password stays the same.'],
  }),
});

export const passwordChangedMail = defineMail<{ name: string; when: Date; resetUrl: string; sessionsEnded: boolean }>({
  ja: (d) => ({
    subject: '【技市】パスワードが変更されました',
    greeting: `${d.name} 様`,
    paragraphs: [
      `${japanDateTime('ja', d.when)}にパスワードが変更されました。${d.sessionsEnded ? 'ほかの端末からはログアウトしています。' : ''}`,
    ],
    footnotes: [`ご自身で変更していない場合は、すぐにパスワードを再設定してください：${d.resetUrl}`],
  }),
  en: (d) => ({
    subject: '[Wazaichi] Your password was changed',
    greeting: `Dear ${d.name},`,
    paragraphs: [
      `Your password was changed on ${japanDateTime('en', d.when)}.${d.sessionsEnded ? ' Your other devices have been logged out.' : ''}`,
    ],
    footnotes: [`If this was not you, reset your password now: ${d.resetUrl}`],
  }),
});

export const emailChangeVerifyMail = defineMail<{ name: string; url: string }>({
  ja: (d) => ({
    subject: '【技市】新しいメールアドレスの確認',
    greeting: `${d.name} 様`,
    paragraphs: [
      'メールアドレス変更の申し込みを受け付けました。下のボタンを押すと、このアドレスへの変更が完了します。',
      'リンクの有効期限は24時間です。',
    ],
    action: { label: 'このアドレスに変更する', url: d.url },
    footnotes: ['心当たりがない場合は、このメールを無視してください。'],
  }),
  en: (d) => ({
    subject: '[Wazaichi] Confirm your new email address',
    greeting: `Dear ${d.name},`,
    paragraphs: [
      'We received a request to change your email address. Press the button to switch to this address.',
      'The link is valid for 24 hours.',
    ],
    action: { label: 'Use this address', url: d.url },
    footnotes: ['If you did not ask for this, ignore this email.'],
  }),
});

export const emailChangedMail = defineMail<{ name: string; newEmail: string; resetUrl: string }>({
  ja: (d) => ({
    subject: '【技市】メールアドレスが変更されました',
    greeting: `${d.name} 様`,
    paragraphs: [
      `アカウントのメールアドレスが ${d.newEmail} に変更されました。今後のお知らせは新しいアドレスに届きます。`,
    ],
    footnotes: [`ご自身で変更していない場合は、パスワードを再設定し、ヘルプからお問い合わせください：${d.resetUrl}`],
  }),
  en: (d) => ({
    subject: '[Wazaichi] Your email address was changed',
    greeting: `Dear ${d.name},`,
    paragraphs: [
      `Your account's email address was changed to ${d.newEmail}. From now on we will write to the new address.`,
    ],
    footnotes: [`If this was not you, reset your password and contact us through the help page: ${d.resetUrl}`],
  }),
});
