import { boolean, char, index, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonColumn, ref, timestamp, updatedAt } from '@/lib/db/columns';

/** A person (their own customer account) allowed to act on an owner's account within a permission set. */
export const teamMembers = mysqlTable(
  'team_members',
  {
    id: id(),
    ownerId: ref('owner_id').notNull(),
    memberId: ref('member_id').notNull(),
    permissions: jsonColumn<string[]>('permissions').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('team_members_pair_uq').on(t.ownerId, t.memberId), index('team_members_member_idx').on(t.memberId)],
);

/** An emailed invitation to join an owner's team; the link carries the only copy of the token. */
export const teamInvites = mysqlTable(
  'team_invites',
  {
    id: id(),
    ownerId: ref('owner_id').notNull(),
    email: varchar('email', { length: 254 }).notNull(),
    permissions: jsonColumn<string[]>('permissions').notNull(),
    tokenHash: char('token_hash', { length: 64 }).notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    acceptedAt: timestamp('accepted_at'),
    revoked: boolean('revoked').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('team_invites_token_uq').on(t.tokenHash), index('team_invites_owner_idx').on(t.ownerId)],
);

export type TeamMember = typeof teamMembers.$inferSelect;
export type TeamInvite = typeof teamInvites.$inferSelect;
