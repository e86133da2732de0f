import { boolean, char, index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamp, updatedAt } from '@/lib/db/columns';

export const customers = mysqlTable(
  'customers',
  {
    id: id(),
    publicId: varchar('public_id', { length: 32 }).notNull(),
    email: varchar('email', { length: 254 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    passwordHash: varchar('password_hash', { length: 255 }),
    country: char('country', { length: 2 }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    // Billing identity shown on invoices.
    company: varchar('company', { length: 160 }),
    taxId: varchar('tax_id', { length: 40 }),
    phone: varchar('phone', { length: 40 }),
    addressLine1: varchar('address_line1', { length: 200 }),
    addressLine2: varchar('address_line2', { length: 200 }),
    city: varchar('city', { length: 100 }),
    region: varchar('region', { length: 100 }),
    postalCode: varchar('postal_code', { length: 20 }),
    /** Set by staff only: no tax is charged to this customer. */
    taxExempt: boolean('tax_exempt').notNull().default(false),
    // VIES's last definite answer about a VAT number (lib/tax/vat-standing.ts): the number it was for, when, and the
    // consultation number VIES gave as proof. A tax id that no longer matches vat_checked_number reads as unchecked.
    vatStanding: mysqlEnum('vat_standing', ['confirmed', 'rejected', 'unchecked']).notNull().default('unchecked'),
    vatCheckedNumber: varchar('vat_checked_number', { length: 40 }),
    vatCheckedAt: timestamp('vat_checked_at'),
    vatConsultationNumber: varchar('vat_consultation_number', { length: 64 }),
    /** The last time VIES could not answer (outage, time-out): shown to staff beside the last known standing. */
    vatCheckFailedAt: timestamp('vat_check_failed_at'),
    status: mysqlEnum('status', ['active', 'closed']).notNull().default('active'),
    emailVerifiedAt: timestamp('email_verified_at'),
    // Closure: asked by the customer, done by staff approval or automatically 30 days later.
    closureRequestedAt: timestamp('closure_requested_at'),
    closedAt: timestamp('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('customers_public_id_uq').on(t.publicId),
    uniqueIndex('customers_email_uq').on(t.email),
    index('customers_closure_idx').on(t.closureRequestedAt),
  ],
);

export const staffUsers = mysqlTable(
  'staff_users',
  {
    id: id(),
    email: varchar('email', { length: 254 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    passwordHash: varchar('password_hash', { length: 255 }).notNull(),
    role: mysqlEnum('role', ['owner', 'administrator', 'billing', 'support', 'read_only']).notNull(),
    status: mysqlEnum('status', ['active', 'disabled']).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('staff_users_email_uq').on(t.email)],
);

// Sessions are rows keyed by a hash of the cookie's random token, so they can be listed and revoked.
export const sessions = mysqlTable(
  'sessions',
  {
    id: id(),
    tokenHash: char('token_hash', { length: 64 }).notNull(),
    principalType: mysqlEnum('principal_type', ['customer', 'staff']).notNull(),
    principalId: ref('principal_id').notNull(),
    ip: varchar('ip', { length: 45 }),
    userAgent: varchar('user_agent', { length: 500 }),
    // Password accepted but the second factor not yet given: such a session opens only the 2FA step.
    mfaPending: boolean('mfa_pending').notNull().default(false),
    // Set when staff signed in as this customer ("sign in as customer"): who, and the reason they gave.
    impersonatorStaffId: ref('impersonator_staff_id'),
    impersonationReason: varchar('impersonation_reason', { length: 500 }),
    // A team member working on another customer's account: whose. Checked against team_members on every request.
    actingForCustomerId: ref('acting_for_customer_id'),
    // When the person last proved a factor (password, code, passkey) in this session: sign-in sets it, the
    // "confirm it's you" step refreshes it, and security changes want it recent. Null for impersonation.
    reauthenticatedAt: timestamp('reauthenticated_at'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [uniqueIndex('sessions_token_hash_uq').on(t.tokenHash), index('sessions_principal_idx').on(t.principalType, t.principalId)],
);

export type Customer = typeof customers.$inferSelect;
export type StaffUser = typeof staffUsers.$inferSelect;
export type Session = typeof sessions.$inferSelect;
