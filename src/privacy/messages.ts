import { defineMessages } from '../platform/i18n';

export const privacyMessages = defineMessages({
  ja: {
    title: 'プライバシーポリシー',
    lead: '技市が保存する個人情報と、その理由をまとめています。この一覧は、アプリが実際に保存している項目から作られています。',
    category: '情報の種類',
    holds: '内容',
    purpose: '利用目的',
    thirdParties: '法令に基づく場合を除き、個人情報を第三者に提供することはありません。',
    rights: '保存している情報の開示、訂正、利用停止、消去のご請求は、ヘルプからお問い合わせください。',
    passwords: 'パスワードは元に戻せない形（Argon2id）でのみ保存し、運営も知ることはできません。',
  },
  en: {
    title: 'Privacy policy',
    lead: 'What personal information Wazaichi keeps, and why. This list is built from what the app actually stores.',
    category: 'Kind of information',
    holds: 'What it is',
    purpose: 'Why we keep it',
    thirdParties: 'We do not give personal information to third parties, except where the law requires it.',
    rights: 'To ask for disclosure, correction, suspension of use or deletion of your information, contact us through the help page.',
    passwords: 'Passwords are stored only in a form that cannot be reversed (Argon2id); not even our staff can read them.',
  },
});
