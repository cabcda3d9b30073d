import type { Locale } from '../platform/i18n';
import { japanDateTime } from '../platform/i18n/dates';
import { defineMail } from '../platform/mail/render';

export const newDeviceLoginMail = defineMail<{
  name: string;
  when: Date;
  ip: string;
  device: string;
  endUrl: string;
  resetUrl: string;
}>({
  ja: (d) => ({
    subject: '【技市】新しい端末からログインがありました',
    greeting: `${d.name} 様`,
    paragraphs: [
      `${japanDateTime('ja', d.when)}に、これまでと違うブラウザからログインがありました。`,
      `端末：${d.device}`,
      `IPアドレス：${d.ip}`,
      'ご自身のログインであれば、このメールは無視してください。',
    ],
    action: { label: '心当たりがないので、その端末をログアウトさせる', url: d.endUrl },
    footnotes: [`心当たりがない場合は、その端末をログアウトさせたうえで、パスワードを変更してください：${d.resetUrl}`],
  }),
  en: (d) => ({
    subject: '[Wazaichi] New login from another browser',
    greeting: `Dear ${d.name},`,
    paragraphs: [
      `On ${japanDateTime('en', d.when)} someone logged in to your account from a browser we had not seen before.`,
      `Device: ${d.device}`,
      `IP address: ${d.ip}`,
      'If it was you, ignore this email.',
    ],
    action: { label: 'It was not me: log that browser out', url: d.endUrl },
    footnotes: [`If it was not you, log that browser out and change your password: ${d.resetUrl}`],
  }),
});

export const accountLockedMail = defineMail<{ name: string; failures: number; unlockUrl: string; resetUrl: string }>({
  ja: (d) => ({
    subject: '【技市】ログインを一時的に止めました',
    greeting: `${d.name} 様`,
    paragraphs: [
      `あなたのアカウントで、パスワードの入力の誤りが${d.failures}回続いたため、知らない端末からのログインを一時的に止めました。第三者がパスワードを試している可能性があります。`,
      'いつもお使いの端末からは、これまでどおりログインできます。止めた状態は24時間で自動的に解除されます。',
    ],
    action: { label: 'ロックを解除する', url: d.unlockUrl },
    footnotes: [`パスワードに不安がある場合は、再設定してください：${d.resetUrl}`],
  }),
  en: (d) => ({
    subject: '[Wazaichi] We paused logins to your account',
    greeting: `Dear ${d.name},`,
    paragraphs: [
      `The wrong password was entered ${d.failures} times in a row for your account, so we paused logins from unfamiliar browsers. Someone may be trying passwords.`,
      'Browsers you usually use can still log in. The pause lifts by itself after 24 hours.',
    ],
    action: { label: 'Lift the pause', url: d.unlockUrl },
    footnotes: [`If you are worried about your password, reset it: ${d.resetUrl}`],
  }),
});

export const secondStepFailedMail = defineMail<{
  name: string;
  when: Date;
  ip: string;
  device: string;
  resetUrl: string;
}>({
  ja: (d) => ({
    subject: '【技市】確認コードの誤りが続きました',
    greeting: `${d.name} 様`,
    paragraphs: [
      `${japanDateTime('ja', d.when)}に、あなたのアカウントで正しいパスワードが入力されたあと、二段階認証の確認コードが続けて間違えられたため、そのログインを止めました。`,
      `端末：${d.device}`,
      `IPアドレス：${d.ip}`,
      'ご自身の入力ミスであれば、このメールは無視してください。心当たりがない場合は、第三者があなたのパスワードを知っています。すぐにパスワードを変更してください。',
    ],
    action: { label: 'パスワードを変更する', url: d.resetUrl },
    footnotes: [
      '確認コードの誤りが続くと、知らない端末からのログインは少しずつ待ち時間が長くなり、最後は一時的に止まります。',
    ],
  }),
  en: (d) => ({
    subject: '[Wazaichi] Several wrong verification codes',
    greeting: `Dear ${d.name},`,
    paragraphs: [
      `On ${japanDateTime('en', d.when)} your correct password was entered, followed by several wrong two-step verification codes, so we stopped that login.`,
      `Device: ${d.device}`,
      `IP address: ${d.ip}`,
      'If it was you mistyping, ignore this email. If not, someone knows your password: change it now.',
    ],
    action: { label: 'Change your password', url: d.resetUrl },
    footnotes: [
      'Repeated wrong codes make unfamiliar browsers wait longer and longer between tries, and finally pause their logins.',
    ],
  }),
});

export type FactorChange = 'totp_on' | 'totp_off' | 'sms_on' | 'sms_off' | 'recovery_regenerated';

const factorSentences: Record<Locale, Record<FactorChange, string>> = {
  ja: {
    totp_on: '二段階認証（認証アプリ）を有効にしました。今後のログインでは、パスワードのあとに確認コードを入力します。',
    totp_off: '二段階認証（認証アプリ）を無効にしました。今後はパスワードだけでログインできます。',
    sms_on: 'SMSで確認コードを受け取る電話番号を登録しました。今後のログインでは、SMSで届くコードも使えます。',
    sms_off: 'SMSで確認コードを受け取る電話番号の登録を取り消しました。この番号にはもうコードを送りません。',
    recovery_regenerated: '回復コードを作り直しました。以前の回復コードは使えなくなりました。',
  },
  en: {
    totp_on:
      'Two-step verification (authenticator app) was turned on. From now on you will enter a code after your password.',
    totp_off: 'Two-step verification (authenticator app) was turned off. Your password alone now logs you in.',
    sms_on: 'A phone number was verified for text-message (SMS) codes. Codes sent to it can now complete your login.',
    sms_off: 'The phone number for text-message (SMS) codes was removed. No more codes will be sent to it.',
    recovery_regenerated: 'Your recovery codes were replaced. The old ones no longer work.',
  },
};

export const factorChangedMail = defineMail<{ name: string; change: FactorChange; when: Date; securityUrl: string }>({
  ja: (d) => ({
    subject: '【技市】ログインの設定が変更されました',
    greeting: `${d.name} 様`,
    paragraphs: [`${japanDateTime('ja', d.when)}に、${factorSentences.ja[d.change]}`],
    action: { label: 'セキュリティ設定を確認する', url: d.securityUrl },
    footnotes: ['ご自身で変更していない場合は、すぐにパスワードを変更し、ヘルプからお問い合わせください。'],
  }),
  en: (d) => ({
    subject: '[Wazaichi] Your login settings changed',
    greeting: `Dear ${d.name},`,
    paragraphs: [`On ${japanDateTime('en', d.when)}: ${factorSentences.en[d.change]}`],
    action: { label: 'Review security settings', url: d.securityUrl },
    footnotes: ['If this was not you, change your password now and contact us through the help page.'],
  }),
});

export const passkeyChangedMail = defineMail<{
  name: string;
  change: 'added' | 'removed';
  passkeyName: string;
  when: Date;
  securityUrl: string;
}>({
  ja: (d) => ({
    subject: d.change === 'added' ? '【技市】パスキーが追加されました' : '【技市】パスキーが削除されました',
    greeting: `${d.name} 様`,
    paragraphs: [
      `${japanDateTime('ja', d.when)}に、パスキー「${d.passkeyName}」を${d.change === 'added' ? '追加' : '削除'}しました。`,
    ],
    action: { label: 'セキュリティ設定を確認する', url: d.securityUrl },
    footnotes: ['ご自身で変更していない場合は、すぐにパスワードを変更し、ヘルプからお問い合わせください。'],
  }),
  en: (d) => ({
    subject: d.change === 'added' ? '[Wazaichi] A passkey was added' : '[Wazaichi] A passkey was removed',
    greeting: `Dear ${d.name},`,
    paragraphs: [`On ${japanDateTime('en', d.when)} the passkey "${d.passkeyName}" was ${d.change}.`],
    action: { label: 'Review security settings', url: d.securityUrl },
    footnotes: ['If this was not you, change your password now and contact us through the help page.'],
  }),
});

export const checkupMail = defineMail<{ name: string; url: string }>({
  ja: (d) => ({
    subject: '【技市】アカウントの守りを強くしませんか',
    greeting: `${d.name} 様`,
    paragraphs: [
      'あなたのアカウントは、まだパスワードだけで守られています。パスワードが漏れると、第三者にログインされるおそれがあります。',
      '二段階認証かパスキーを設定すると、パスワードが漏れても乗っ取りを防げます。設定は数分で終わります。',
    ],
    action: { label: 'セキュリティ診断を見る', url: d.url },
    footnotes: ['このお知らせは、設定が済むまで一定の間隔（初期設定では180日ごと）でお送りします。'],
  }),
  en: (d) => ({
    subject: '[Wazaichi] Make your account harder to take over',
    greeting: `Dear ${d.name},`,
    paragraphs: [
      'Your account is still protected by its password alone. If the password leaks, someone else could log in.',
      'Two-step verification or a passkey stops that, even with a leaked password. It takes a few minutes.',
    ],
    action: { label: 'See your security checkup', url: d.url },
    footnotes: ['We send this reminder at intervals (every 180 days by default) until one is set up.'],
  }),
});
