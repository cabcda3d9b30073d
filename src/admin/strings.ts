import { defineStrings } from '../platform/i18n';

export const adminStrings = defineStrings({
  ja: {
    grant: {
      amountInvalid: 'ポイント数は1以上の整数を半角数字で入力してください。',
      withdrawn: 'その会員は退会しています。ポイントは付与できません。',
    },
    failedMail: {
      title: '送信できなかったメール',
      lead: '再試行をすべて終えても送信できなかったメールです。SMTPサーバーの状態を確かめてから再送してください。',
      none: 'ありません。',
      attempts: (n: number) => `${n}回失敗`,
      resend: '再送する',
      resent: 'メールの再送を予約しました。',
    },
  },
  en: {
    grant: {
      amountInvalid: 'Enter the points as a whole number of 1 or more.',
      withdrawn: 'That member has left. Points cannot be granted.',
    },
    failedMail: {
      title: 'Mail that could not be sent',
      lead: 'These mails still failed after every retry. Check the SMTP server, then send them again.',
      none: 'None.',
      attempts: (n: number) => `failed ${n} times`,
      resend: 'Send again',
      resent: 'The mail is queued to be sent again.',
    },
  },
});
