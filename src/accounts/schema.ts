import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { memberRoles, memberStatuses } from '../platform/memberKinds';
export { memberRoles, memberStatuses, type MemberRole, type MemberStatus } from '../platform/memberKinds';

export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stored lower-cased and trimmed; see normaliseEmail.
    email: text('email').notNull(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    // Long enough to be the only factor (15 characters): while it is not, the last second factor stays.
    passwordFitsAlone: boolean('password_fits_alone').notNull().default(true),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    role: text('role', { enum: memberRoles }).notNull().default('member'),
    status: text('status', { enum: memberStatuses }).notNull().default('active'),
    locale: text('locale', { enum: ['ja', 'en'] })
      .notNull()
      .default('ja'),
    bio: text('bio').notNull().default(''),
    skills: text('skills').notNull().default(''),
    avatarPath: text('avatar_path'),
    // 事業者として発注する: the member buys for a business, so their orders state the §3 terms (フリーランス法).
    buysAsBusiness: boolean('buys_as_business').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
  },
  (t) => [
    // One live account per address; a withdrawn member may register again with the same address.
    uniqueIndex('members_email_live_key')
      .on(t.email)
      .where(sql`${t.withdrawnAt} is null`),
    // Login reads an address's live account, or else its most recently withdrawn one, in one index scan.
    index('members_email_idx').on(t.email, t.withdrawnAt.desc().nullsFirst()),
    // Usernames stay reserved after withdrawal so old profile links never point at someone new.
    uniqueIndex('members_username_key').on(sql`lower(${t.username})`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // SHA-256 of the cookie token: a database leak does not hand out live sessions.
    tokenHash: text('token_hash').notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    idleExpiresAt: timestamp('idle_expires_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    // When the member last proved it was them (login or re-authentication): sensitive changes need it recent.
    reauthenticatedAt: timestamp('reauthenticated_at', { withTimezone: true }),
    // When this session last proved a second factor (at login, or re-authentication with a code): the
    // operator console asks for it per session, not just per account.
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_member_idx').on(t.memberId)],
);

export const emailTokenPurposes = [
  'verify_email',
  'change_email',
  'password_reset',
  'end_session',
  'unlock_account',
] as const;
export type EmailTokenPurpose = (typeof emailTokenPurposes)[number];

export const emailTokens = pgTable(
  'email_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: emailTokenPurposes }).notNull(),
    // The address the token proves: bound to one member and one address.
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull(),
    // What the token acts on besides the member, e.g. the session an "end this session" link ends.
    subjectId: uuid('subject_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('email_tokens_hash_key').on(t.tokenHash), index('email_tokens_member_idx').on(t.memberId)],
);

// Fixed-window counters shared by every web process (no in-memory state).
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key] })],
);

export const securityEvents = pgTable(
  'security_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('security_events_member_idx').on(t.memberId, t.at)],
);

// Browsers a member has logged in from (a keyed hash of a long-lived random cookie): a login from any
// other browser is reported by mail.
export const knownDevices = pgTable(
  'known_devices',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    deviceHash: text('device_hash').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.deviceHash] })],
);

// Consecutive failed logins per address (a keyed hash of it, so unknown addresses are counted the same
// way and nobody learns which exist): exponential back-off, and a soft lock the owner lifts by mail.
export const loginFailures = pgTable('login_failures', {
  addressHash: text('address_hash').primaryKey(),
  consecutive: integer('consecutive').notNull().default(0),
  lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull(),
  lockedAt: timestamp('locked_at', { withTimezone: true }),
});

// A username asked for at sign-up with an address that already has an account: no account is made,
// but the name is held as if one had been (an unconfirmed account keeps its name too), so the sign-up
// form cannot tell who is a member. Only the name: nothing links it to the address.
export const usernameHolds = pgTable('username_holds', {
  username: text('username').primaryKey(), // lower case
  heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
});
