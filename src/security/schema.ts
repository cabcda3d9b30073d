import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';

// 認証アプリ (TOTP, RFC 6238). The secret is encrypted with a key derived from SECRET_KEY.
export const totpFactors = pgTable('totp_factors', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  secretEncrypted: text('secret_encrypted').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  // Null until the member has typed one correct code: an unconfirmed secret protects nothing.
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  // The last 30-second step accepted: a code is never accepted twice (RFC 6238 §5.2).
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
});

// Single-use codes for when the phone is lost; stored as SHA-256 (they are random, 50+ bits).
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_codes_member_idx').on(t.memberId)],
);

// A login whose password was right and whose second factor is still to come (cookie wz_pending).
export const pendingLogins = pgTable(
  'pending_logins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    failedCodes: integer('failed_codes').notNull().default(0),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  // Withdrawal deletes a member's pending logins by member id.
  (t) => [uniqueIndex('pending_logins_token_key').on(t.tokenHash), index('pending_logins_member_idx').on(t.memberId)],
);

// パスキー (WebAuthn). Public keys only; the private key never leaves the member's device.
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    credentialId: text('credential_id').notNull(),
    publicKey: text('public_key').notNull(),
    // The authenticator's signature counter: a value that goes backwards reveals a cloned key.
    counter: bigint('counter', { mode: 'number' }).notNull(),
    transports: text('transports').notNull().default(''),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('passkeys_credential_key').on(t.credentialId), index('passkeys_member_idx').on(t.memberId)],
);

// The random user handle WebAuthn stores on the device: 32 random bytes, nothing personal (WebAuthn L3).
export const webauthnUsers = pgTable(
  'webauthn_users',
  {
    memberId: uuid('member_id')
      .primaryKey()
      .references(() => members.id, { onDelete: 'cascade' }),
    userHandle: text('user_handle').notNull(),
  },
  (t) => [uniqueIndex('webauthn_users_handle_key').on(t.userHandle)],
);

// A server-made challenge waits here, tied to one browser (cookie wz_webauthn), until it is answered once.
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challenge: text('challenge').notNull(),
    purpose: text('purpose', { enum: ['register', 'login'] }).notNull(),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  // Withdrawal (and the member row's cascade) find a member's challenges by member id.
  (t) => [index('webauthn_challenges_member_idx').on(t.memberId)],
);

// SMS as a second step: only to a verified number, only beside an app or a passkey (ASVS 6.6, NIST restricted).
export const phoneNumbers = pgTable(
  'phone_numbers',
  {
    memberId: uuid('member_id')
      .primaryKey()
      .references(() => members.id, { onDelete: 'cascade' }),
    phoneE164: text('phone_e164').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('phone_numbers_phone_idx').on(t.phoneE164)],
);

// One-time SMS codes: 6 digits, 10 minutes, single use, bound to one purpose and (for login) one pending login.
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_phone', 'login'] }).notNull(),
    phoneE164: text('phone_e164').notNull(),
    codeHash: text('code_hash').notNull(),
    pendingLoginId: uuid('pending_login_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    // Guesses at this code so far; it stops working after five.
    tries: integer('tries').notNull().default(0),
  },
  (t) => [index('sms_codes_member_idx').on(t.memberId, t.purpose)],
);

// What the built-in SMS provider "sends": it sends nothing and keeps the text here, shown at /dev/sms.
export const smsOutbox = pgTable('sms_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  memberId: uuid('member_id'),
  toNumber: text('to_number').notNull(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

// When a member was last reminded to strengthen a weak account (セキュリティ診断), so it is at most once per period.
export const checkupReminders = pgTable('checkup_reminders', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
});
