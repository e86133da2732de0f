import { bigint, char, index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamp } from '@/lib/db/columns';

const principalType = () => mysqlEnum('principal_type', ['customer', 'staff']).notNull();

// Links mailed to people (verify an email, reset a password, confirm a new email): only a hash is stored,
// each works once and expires.
export const oneTimeTokens = mysqlTable(
  'one_time_tokens',
  {
    id: id(),
    purpose: mysqlEnum('purpose', ['verify_email', 'reset_password', 'change_email', 'impersonate']).notNull(),
    principalType: principalType(),
    principalId: ref('principal_id').notNull(),
    tokenHash: char('token_hash', { length: 64 }).notNull(),
    newEmail: varchar('new_email', { length: 254 }),
    // For impersonation hand-offs: the staff member and their stated reason.
    detail: varchar('detail', { length: 600 }),
    expiresAt: timestamp('expires_at').notNull(),
    usedAt: timestamp('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('one_time_tokens_hash_uq').on(t.tokenHash), index('one_time_tokens_principal_idx').on(t.principalType, t.principalId, t.purpose)],
);

// One TOTP authenticator per principal. The secret is encrypted with APP_KEY; last_used_step stops a code
// from being replayed within its window.
export const mfaTotp = mysqlTable(
  'mfa_totp',
  {
    id: id(),
    principalType: principalType(),
    principalId: ref('principal_id').notNull(),
    secretEncrypted: varchar('secret_encrypted', { length: 255 }).notNull(),
    confirmedAt: timestamp('confirmed_at'),
    lastUsedStep: bigint('last_used_step', { mode: 'number', unsigned: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('mfa_totp_principal_uq').on(t.principalType, t.principalId)],
);

export const mfaRecoveryCodes = mysqlTable(
  'mfa_recovery_codes',
  {
    id: id(),
    principalType: principalType(),
    principalId: ref('principal_id').notNull(),
    codeHash: char('code_hash', { length: 64 }).notNull(),
    usedAt: timestamp('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('mfa_recovery_codes_hash_uq').on(t.principalType, t.principalId, t.codeHash)],
);

export type OneTimeToken = typeof oneTimeTokens.$inferSelect;
export type MfaTotp = typeof mfaTotp.$inferSelect;
