import { accountMessages } from './accounts/messages';
import { adminMessages } from './admin/messages';
import { marketplaceMessages } from './marketplace/messages';
import { messagingMessages } from './messages/messages';
import { helpMessages } from './help/messages';
import { privacyMessages } from './privacy/messages';
import { securityMessages } from './security/messages';
import { withdrawalMessages } from './withdrawal/messages';
import { exportMessages } from './export/messages';
import { trustMessages } from './trust/messages';
import { snsMessages } from './sns/messages';
import { supportMessages } from './support/messages';
import { tradingMessages } from './trading/messages';
import type { Locale } from './platform/i18n';
import { commonMessages } from './platform/web/messages';

// Every feature's strings, under the feature's name. Add a feature's messages here.
function dictionaryFor(locale: Locale) {
  return {
    common: commonMessages[locale],
    accounts: accountMessages[locale],
    marketplace: marketplaceMessages[locale],
    messages: messagingMessages[locale],
    help: helpMessages[locale],
    privacy: privacyMessages[locale],
    security: securityMessages[locale],
    withdrawal: withdrawalMessages[locale],
    export: exportMessages[locale],
    trust: trustMessages[locale],
    sns: snsMessages[locale],
    support: supportMessages[locale],
    admin: adminMessages[locale],
    trading: tradingMessages[locale],
  };
}

export type Dictionary = ReturnType<typeof dictionaryFor>;

export const dictionaries: Record<Locale, Dictionary> = { ja: dictionaryFor('ja'), en: dictionaryFor('en') };

/** A message chosen by domain code and put into words by the page, in the reader's language. */
export type Message = (t: Dictionary) => string;
