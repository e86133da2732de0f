import { boolean, char, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonColumn, ref, timestamp, updatedAt } from '@/lib/db/columns';

const ROLES = ['owner', 'administrator', 'billing', 'support', 'read_only'] as const;

// The permission set of each staff role; the owner edits them (the owner role itself always has everything).
export const staffRoles = mysqlTable(
  'staff_roles',
  {
    id: id(),
    role: mysqlEnum('role', ROLES).notNull(),
    permissions: jsonColumn<string[]>('permissions').notNull(),
    updatedBy: ref('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('staff_roles_role_uq').on(t.role)],
);

// An emailed invitation to join the staff; accepting it creates the staff user with the invited role.
export const staffInvites = mysqlTable(
  'staff_invites',
  {
    id: id(),
    email: varchar('email', { length: 254 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    role: mysqlEnum('role', ROLES).notNull(),
    tokenHash: char('token_hash', { length: 64 }).notNull(),
    /** The inviting staff member; null for the platform's invitation of a new storefront's owner. */
    invitedBy: ref('invited_by'),
    expiresAt: timestamp('expires_at').notNull(),
    acceptedAt: timestamp('accepted_at'),
    revoked: boolean('revoked').notNull().default(false),
    /** "Invite once" for invitations a retried process makes (the platform's owner invitation): unique when set. */
    dedupeKey: varchar('dedupe_key', { length: 100 }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('staff_invites_token_uq').on(t.tokenHash), uniqueIndex('staff_invites_dedupe_uq').on(t.dedupeKey)],
);

// WebAuthn credentials (passkeys) of customers and staff.
export const passkeys = mysqlTable(
  'passkeys',
  {
    id: id(),
    principalType: mysqlEnum('principal_type', ['customer', 'staff']).notNull(),
    principalId: ref('principal_id').notNull(),
    credentialId: varchar('credential_id', { length: 255 }).notNull(),
    publicKey: varchar('public_key', { length: 1024 }).notNull(),
    signCount: ref('sign_count').notNull().default(0),
    transports: varchar('transports', { length: 100 }),
    name: varchar('name', { length: 60 }).notNull(),
    lastUsedAt: timestamp('last_used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('passkeys_credential_uq').on(t.credentialId)],
);

export type StaffRoleRow = typeof staffRoles.$inferSelect;
export type StaffInvite = typeof staffInvites.$inferSelect;
export type Passkey = typeof passkeys.$inferSelect;
