import { and, asc, eq, gt, isNotNull, ne } from 'drizzle-orm';
import { customers } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';
import { isEuCountry } from './eu';
import { createViesBreaker, needsViesCheck, refreshVatStandings, viesCheckActor, type RefreshReport, type ViesBreaker } from './refresh-vat-standings';

/** Customers read per query while looking for stale standings. */
const SCAN_BATCH = 500;

export interface RevalidateOptions {
  now?: Date;
  storefrontId?: number;
  /** VIES calls this run may make; the rest wait for the next run. */
  maxChecks: number;
  /** Least time between two calls, so VIES (and each member state behind it) is never hammered. */
  spacingMs: number;
  breaker?: ViesBreaker;
  timeoutMs?: number;
}

/**
 * The scheduled re-check: every active customer whose VAT number could be reverse charged and whose standing is
 * stale (older than viesMaxAgeDays, or for another number) is asked about again, one call at a time, up to
 * `maxChecks`. Each answer is stored as it comes, so a run killed halfway leaves the rest stale for the next run,
 * and running it twice checks nothing twice. Does nothing when the storefront has VIES checks off.
 */
export async function revalidateStaleVatStandings(db: SfDb, opts: RevalidateOptions): Promise<RefreshReport> {
  const now = opts.now ?? new Date();
  const commerce = await getCommerceSettings(db);
  const total: RefreshReport = { checked: 0, changed: 0, unavailable: 0 };
  // Reverse charge needs an EU seller: elsewhere no standing changes any tax.
  if (!commerce.viesEnabled || !isEuCountry(commerce.sellerCountry)) return total;
  const breaker = opts.breaker ?? createViesBreaker();
  let after = 0;
  while (total.checked < opts.maxChecks && !breaker.down.has('*')) {
    const batch = await db
      .select()
      .from(customers)
      .where(and(gt(customers.id, after), eq(customers.status, 'active'), isNotNull(customers.taxId), isNotNull(customers.company), ne(customers.country, commerce.sellerCountry)))
      .orderBy(asc(customers.id))
      .limit(SCAN_BATCH);
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    const stale = batch.filter((c) => needsViesCheck(c, { commerce }, now));
    if (!stale.length) continue;
    const { report } = await refreshVatStandings(db, stale, {
      commerce,
      actor: viesCheckActor('revalidate'),
      now,
      storefrontId: opts.storefrontId,
      breaker,
      concurrency: 1,
      spacingMs: opts.spacingMs,
      maxChecks: opts.maxChecks - total.checked,
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    });
    total.checked += report.checked;
    total.changed += report.changed;
    total.unavailable += report.unavailable;
  }
  return total;
}
