import { and, eq, isNotNull, isNull, lt, ne, or } from 'drizzle-orm';
import { customDomains } from '@/db/schema/central';
import type { CentralDb } from '@/lib/db/connection';
import { redispatchDomainCheck } from './dispatch-domain-check';
import { notifyDomainResult } from './notify-domain-result';

const BATCH = 500;
// A check is queued for its due time; one still due this long after it was lost its job.
const LOST_AFTER_MS = 2 * 60_000;

/**
 * What a lost job or a crash left behind: pending domains whose check is overdue get it queued again, and
 * verified or failed ones whose staff were never emailed get the email.
 */
export async function sweepDomains(central: CentralDb, now = new Date()): Promise<{ requeued: number; notified: number }> {
  const overdue = await central
    .select({ id: customDomains.id, storefrontId: customDomains.storefrontId, checks: customDomains.checks })
    .from(customDomains)
    .where(and(eq(customDomains.status, 'pending'), isNotNull(customDomains.nextCheckAt), lt(customDomains.nextCheckAt, new Date(now.getTime() - LOST_AFTER_MS))))
    .limit(BATCH);
  for (const d of overdue) await redispatchDomainCheck(d);
  const unannounced = await central
    .select({ id: customDomains.id })
    .from(customDomains)
    .where(and(ne(customDomains.status, 'pending'), or(isNull(customDomains.notifiedStatus), ne(customDomains.notifiedStatus, customDomains.status))))
    .limit(BATCH);
  let notified = 0;
  const failures: string[] = [];
  for (const d of unannounced) {
    try {
      notified += (await notifyDomainResult(central, d.id)).emailed > 0 ? 1 : 0;
    } catch (err) {
      // One storefront whose database is unreachable must not hold up the others' emails.
      failures.push(`domain ${d.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (failures.length) throw new Error(`emailing ${failures.length} domain outcome(s) failed: ${failures.join('; ')}`);
  return { requeued: overdue.length, notified };
}
