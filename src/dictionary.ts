import { accountStrings } from './accounts/strings';
import { adminStrings } from './admin/strings';
import { profileStrings } from './profiles/strings';
import { marketplaceStrings } from './marketplace/strings';
import { messagingStrings } from './messages/strings';
import { helpStrings } from './help/strings';
import { privacyStrings } from './privacy/strings';
import { securityStrings } from './security/strings';
import { withdrawalStrings } from './withdrawal/strings';
import { exportStrings } from './export/strings';
import { trustStrings } from './trust/strings';
import { snsStrings } from './sns/strings';
import { supportStrings } from './support/strings';
import { favoriteStrings } from './favorites/strings';
import { blockingStrings } from './blocking/strings';
import { reportStrings } from './reports/strings';
import { notificationStrings } from './notifications/strings';
import { legalStrings } from './legal/strings';
import { termsStrings } from './legal/termsStrings';
import { searchStrings } from './marketplace/search/strings';
import { tradingStrings } from './trading/strings';
import { documentStrings } from './documents/strings';
import { showcaseStrings } from './marketplace/pages/strings';
import type { Dictionary, Locale } from './platform/i18n';
import { commonStrings } from './platform/web/strings';

// Every feature's strings, under the feature's name. Add a feature's messages here.
function dictionaryFor(locale: Locale) {
  return {
    common: commonStrings[locale],
    accounts: accountStrings[locale],
    marketplace: marketplaceStrings[locale],
    profiles: profileStrings[locale],
    messages: messagingStrings[locale],
    help: helpStrings[locale],
    privacy: privacyStrings[locale],
    security: securityStrings[locale],
    withdrawal: withdrawalStrings[locale],
    export: exportStrings[locale],
    trust: trustStrings[locale],
    sns: snsStrings[locale],
    support: supportStrings[locale],
    admin: adminStrings[locale],
    favorites: favoriteStrings[locale],
    blocking: blockingStrings[locale],
    reports: reportStrings[locale],
    notifications: notificationStrings[locale],
    legal: legalStrings[locale],
    terms: termsStrings[locale],
    search: searchStrings[locale],
    trading: tradingStrings[locale],
    documents: documentStrings[locale],
    showcase: showcaseStrings[locale],
  };
}

type AllStrings = ReturnType<typeof dictionaryFor>;
declare module './platform/i18n' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Dictionary extends AllStrings {}
}
export type { Dictionary, Message } from './platform/i18n';

export const dictionaries: Record<Locale, Dictionary> = { ja: dictionaryFor('ja'), en: dictionaryFor('en') };
