import type { Dictionary } from '../i18n';
import type { Deps } from '../deps';
import type { Locale } from '../i18n';
import type { MemberRole, MemberStatus } from '../memberKinds';

/** The signed-in member as every page and route sees it. */
export type CurrentMember = {
  id: string;
  email: string;
  username: string;
  displayName: string;
  role: MemberRole;
  status: MemberStatus;
  emailVerified: boolean;
  locale: Locale;
  /** A newer 利用規約 is in force than the member last agreed to: they read, export and leave, but do not trade. */
  termsPending: boolean;
};

/** What every page is given besides its own data. */
export type ViewContext = {
  t: Dictionary;
  locale: Locale;
  member: CurrentMember | null;
  csrfToken: string;
  path: string;
  devMode: boolean;
  /** The site's public address, for links that leave the page (OGP tags). */
  baseUrl: string;
  /** SNS sign-in providers offered on the login, sign-up and re-authentication pages. */
  snsProviders: { id: string; name: string }[];
  /** お知らせ not yet read, for the bell in the header (signed-in pages only). */
  unreadNotifications?: number;
  /** What waits in each operator console section, by section (console pages only). */
  consoleCounts?: Record<string, number>;
};

export type AppEnv = {
  Variables: {
    deps: Deps;
    view: ViewContext;
    sessionId: string | null;
    /** When this session last proved who it is (login or re-authentication). */
    sessionAuthenticatedAt: Date | null;
    /** When this session last proved a second factor (null: password or SNS only). */
    sessionSecondFactorAt: Date | null;
  };
};
