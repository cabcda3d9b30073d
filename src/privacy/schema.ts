import { boolean, date, pgTable, text, uuid } from 'drizzle-orm/pg-core';
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
