import { defineMessages } from '../platform/i18n';

export const securityMessages = defineMessages({
  ja: {
    strength: ['とても弱い', '弱い', 'ふつう', '強い', 'とても強い'],
    strengthTitle: 'パスワードの強さ',
  },
  en: {
    strength: ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'],
    strengthTitle: 'Password strength',
  },
});
