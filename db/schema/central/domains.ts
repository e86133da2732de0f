import { index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamp, updatedAt } from '@/lib/db/columns';

export const DOMAIN_STATUSES = ['pending', 'verified', 'failed'] as const;

// A storefront's own domain (shop.theirbrand.com), waiting for its DNS records or verified. Only a verified domain
// has rows in storefront_hostnames (the domain, account. and admin.), written in the transaction that verifies it.
// The same name may be claimed by several storefronts while pending (so nobody can squat it); the TXT token decides,
// and the unique hostnames let only one of them have it.
export const customDomains = mysqlTable(
  'custom_domains',
  {
    id: id(),
    publicId: varchar('public_id', { length: 32 }).notNull(),
    storefrontId: ref('storefront_id').notNull(),
    domain: varchar('domain', { length: 240 }).notNull(),
    /** The value the TXT record _ezscale-verify.<domain> must hold. */
    verifyToken: varchar('verify_token', { length: 64 }).notNull(),
    status: mysqlEnum('status', DOMAIN_STATUSES).notNull().default('pending'),
    /** Checks made so far; every check moves it on, so a check that lost a race to another writes nothing. */
    checks: int('checks', { unsigned: true }).notNull().default(0),
    /** When the next automatic check is due; null once verified or failed. */
    nextCheckAt: timestamp('next_check_at'),
    /** The end of the automatic checks (72 hours after the domain was added); a miss after it fails the domain. */
    checkUntil: timestamp('check_until').notNull(),
    lastCheckedAt: timestamp('last_checked_at'),
    lastError: varchar('last_error', { length: 1000 }),
    verifiedAt: timestamp('verified_at'),
    failedAt: timestamp('failed_at'),
    /** The final status the storefront's staff were emailed about, so a retried job emails once. */
    notifiedStatus: mysqlEnum('notified_status', ['verified', 'failed']),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('custom_domains_public_id_uq').on(t.publicId),
    uniqueIndex('custom_domains_sf_domain_uq').on(t.storefrontId, t.domain),
    index('custom_domains_due_idx').on(t.status, t.nextCheckAt),
    index('custom_domains_domain_idx').on(t.domain),
  ],
);

export type CustomDomain = typeof customDomains.$inferSelect;
export type DomainStatus = CustomDomain['status'];
