import { boolean, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members } from '../accounts/schema';

export const audiences = ['public', 'members', 'followers', 'private'] as const;
export type Audience = (typeof audiences)[number];
export const dmPolicies = ['everyone', 'traded', 'nobody'] as const;
export type DmPolicy = (typeof dmPolicies)[number];

// Optional profile details a member may add; each is shown only to the audience they choose.
export const profileDetails = pgTable('profile_details', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  realName: text('real_name').notNull().default(''),
  location: text('location').notNull().default(''),
  birthday: date('birthday'),
  website: text('website').notNull().default(''),
});

// 公開設定. The defaults keep what identifies a person (real name, place, birthday) to the member alone.
export const privacySettings = pgTable('privacy_settings', {
  memberId: uuid('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  profile: text('profile', { enum: audiences }).notNull().default('public'),
  realName: text('real_name', { enum: audiences }).notNull().default('private'),
  location: text('location', { enum: audiences }).notNull().default('private'),
  birthday: text('birthday', { enum: audiences }).notNull().default('private'),
  website: text('website', { enum: audiences }).notNull().default('public'),
  follows: text('follows', { enum: audiences }).notNull().default('public'),
  noindex: boolean('noindex').notNull().default(false),
  directMessages: text('direct_messages', { enum: dmPolicies }).notNull().default('everyone'),
});

export const follows = pgTable(
  'follows',
  {
    followerId: uuid('follower_id')
      .notNull()
      .references(() => members.id),
    followeeId: uuid('followee_id')
      .notNull()
      .references(() => members.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.followerId, t.followeeId] }), index('follows_followee_idx').on(t.followeeId)],
);

// フォローリクエスト: a follow waiting for the followee's approval (see followNeedsApproval). Only rows in
// follows make someone a follower; a request reveals nothing until it is approved and moved there.
export const followRequests = pgTable(
  'follow_requests',
  {
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => members.id),
    followeeId: uuid('followee_id')
      .notNull()
      .references(() => members.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.requesterId, t.followeeId] }),
    index('follow_requests_followee_idx').on(t.followeeId, t.createdAt),
  ],
);
