import { defineMail } from '../platform/mail/render';

/** 警告: an operator hid a member's content after a report and tells them why, once, with the way to object. */
export const contentWarningMail = defineMail<{ name: string; kind: string; reason: string; supportUrl: string }>({
  ja: (d) => ({
    subject: '【技市】投稿内容についての警告',
    greeting: `${d.name} 様`,
    paragraphs: [
      `あなたの${d.kind}が利用規約に反すると判断したため、非表示にしました。`,
      `理由: ${d.reason}`,
      '同じような投稿が続く場合は、アカウントの利用を停止することがあります。',
      '判断に心当たりがない場合や異議がある場合は、お問い合わせからご連絡ください。',
    ],
    action: { label: 'お問い合わせ', url: d.supportUrl },
  }),
  en: (d) => ({
    subject: '[Wazaichi] A warning about your content',
    greeting: `Dear ${d.name},`,
    paragraphs: [
      `We found that your ${d.kind.toLowerCase()} breaks the terms of use and have hidden it.`,
      `Reason: ${d.reason}`,
      'If such content continues, we may suspend the account.',
      'If you think this is a mistake or want to object, please contact us.',
    ],
    action: { label: 'Contact us', url: d.supportUrl },
  }),
});
