import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';

/**
 * Strong signals identify one person (a verified phone, an SNS account, a bank account, an email
 * address as the mail provider reads it); weak ones only hint (a browser, an IP address).
 */
export const strongSignalKinds = ['email', 'phone', 'sns', 'bank'] as const;
export const weakSignalKinds = ['device', 'ip'] as const;
export const signalKinds = [...strongSignalKinds, ...weakSignalKinds] as const;
export type SignalKind = (typeof signalKinds)[number];

// Keyed hashes (HMAC with the server secret) only: the table says "these two accounts share a phone",
// never which phone. IP addresses expire after a short time; the rest go with the account.
export const identitySignals = pgTable(
  'identity_signals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: signalKinds }).notNull(),
    hash: text('hash').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('identity_signals_member_kind_hash_key').on(t.memberId, t.kind, t.hash),
    // Every duplicate check is a lookup by hash: an index probe however many accounts exist.
    index('identity_signals_hash_idx').on(t.hash),
  ],
);

export const duplicateCaseStatuses = ['open', 'suspended', 'dismissed'] as const;

// Operator review queue: a newer account that shares a strong signal, or several weak ones, with another.
export const duplicateCases = pgTable(
  'duplicate_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    otherMemberId: uuid('other_member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    evidence: text('evidence').array().notNull(),
    strength: text('strength', { enum: ['strong', 'weak'] }).notNull(),
    status: text('status', { enum: duplicateCaseStatuses }).notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => members.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('duplicate_cases_pair_key').on(t.memberId, t.otherMemberId),
    index('duplicate_cases_status_idx').on(t.status, t.createdAt),
    // Withdrawal deletes the cases either side of a member: the pair key covers only the first.
    index('duplicate_cases_other_member_idx').on(t.otherMemberId),
  ],
);

// One row per suspension; the open one (lifted_at null) is in force. previous_status is what lifting restores.
export const suspensions = pgTable(
  'suspensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    previousStatus: text('previous_status', { enum: ['active', 'paused'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => members.id, { onDelete: 'set null' }),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: uuid('lifted_by').references(() => members.id, { onDelete: 'set null' }),
  },
  (t) => [index('suspensions_member_idx').on(t.memberId, t.createdAt), index('suspensions_ends_idx').on(t.endsAt)],
);

// Everything an operator does to a member, with who did it: for audits and for the member's file.
export const operatorActions = pgTable(
  'operator_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    operatorId: uuid('operator_id').references(() => members.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    memberId: uuid('member_id').references(() => members.id, { onDelete: 'set null' }),
    detail: text('detail').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('operator_actions_member_idx').on(t.memberId, t.at), index('operator_actions_at_idx').on(t.at)],
);

// Keyed hashes (HMAC with the server secret) of the strong signals (trust/signals.ts) of suspended
// members: enough to refuse their return, useless for anything else. Nothing readable is kept.
export const bannedIdentities = pgTable('banned_identities', {
  hash: text('hash').primaryKey(),
  kind: text('kind', { enum: ['email', 'phone', 'sns', 'bank'] }).notNull(),
  bannedOn: date('banned_on').notNull(),
  expiresOn: date('expires_on').notNull(),
});
