import { and, eq, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { getCentralDb } from '@/lib/db/central';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { dispatchEmail } from '@/lib/email/enqueue-email';
import { STALE_SENDING_MINUTES } from '@/lib/email/send-outbox-email';
import { dispatchAlert } from '@/lib/alerts/raise-alert';
import { storefronts } from '@/db/schema/central';
import { adminAlerts, emailOutbox } from '@/db/schema/storefront';
import { defineJob } from './define-job';

/** Rows younger than this are probably still being dispatched by the code that created them. */
const GRACE = sql`CURRENT_TIMESTAMP(3) - INTERVAL 1 MINUTE`;
const STALE = sql`CURRENT_TIMESTAMP(3) - INTERVAL ${sql.raw(String(STALE_SENDING_MINUTES))} MINUTE`;
const BATCH = 500;

/** Outbox rows whose send job was never enqueued (a crash between commit and dispatch) or whose sender died. */
export async function findUndispatchedEmails(db: SfDb): Promise<number[]> {
  const rows = await db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      or(
        and(eq(emailOutbox.status, 'queued'), lt(emailOutbox.createdAt, GRACE)),
        and(eq(emailOutbox.status, 'sending'), lt(emailOutbox.updatedAt, STALE)),
      ),
    )
    .orderBy(emailOutbox.id)
    .limit(BATCH);
  return rows.map((r) => r.id);
}

/** Alerts still waiting for Discord after the grace period: the same crash window as email. */
export async function findUndispatchedAlerts(db: SfDb): Promise<number[]> {
  const rows = await db
    .select({ id: adminAlerts.id })
    .from(adminAlerts)
    .where(and(eq(adminAlerts.discordStatus, 'pending'), lt(adminAlerts.createdAt, GRACE)))
    .orderBy(adminAlerts.id)
    .limit(BATCH);
  return rows.map((r) => r.id);
}

export const flushOutboxJob = defineJob({
  name: 'email.flush-outbox',
  queue: 'default',
  schema: z.object({}),
  handler: async (_payload, { log }) => {
    const active = await getCentralDb().select().from(storefronts).where(eq(storefronts.status, 'active'));
    let emails = 0;
    let alerts = 0;
    const failures: string[] = [];
    // Deterministic job ids make re-dispatching a row whose job is still queued or running a no-op.
    for (const sf of active) {
      try {
        const db = openStorefrontDb(sf);
        for (const id of await findUndispatchedEmails(db)) {
          await dispatchEmail(sf.id, id);
          emails++;
        }
        for (const id of await findUndispatchedAlerts(db)) {
          await dispatchAlert(sf.id, id);
          alerts++;
        }
      } catch (err) {
        // One unreachable storefront database must not hold up the others.
        failures.push(`${sf.slug}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    log(`dispatched ${emails} email(s) and ${alerts} alert(s) across ${active.length} storefront(s)`);
    if (failures.length) throw new Error(`flush failed for ${failures.length} storefront(s): ${failures.join('; ')}`);
    return { emails, alerts };
  },
});
