import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { env, sandboxBaseUrl, type Env } from '@/lib/config/env';
import type { SfDb } from '@/lib/db/connection';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import { adminAlerts } from '@/db/schema/storefront';
import { enqueueIdempotent } from '@/jobs/enqueue';
import { deliverAlertSpec } from '@/jobs/specs';

export const raiseAlertSchema = z.object({
  severity: z.enum(['info', 'warning', 'critical']),
  category: z.string().trim().min(1).max(60),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(10_000),
  /** "Raise this once": a second raiseAlert with the same key returns the first alert. */
  dedupeKey: z.string().trim().min(1).max(191).optional(),
});
export type RaiseAlertInput = z.input<typeof raiseAlertSchema>;

/** Where alerts go on Discord: DISCORD_WEBHOOK_URL, or in sandbox mode the sandbox's Discord simulator. */
export function alertWebhookUrl(e: Env = env()): string | null {
  if (e.DISCORD_WEBHOOK_URL) return e.DISCORD_WEBHOOK_URL;
  if (e.APP_MODE === 'sandbox') return `${sandboxBaseUrl(e)}/discord/api/webhooks/sandbox/alerts`;
  return null;
}

/**
 * Records an alert for staff. Pass the transaction of the change that raised it, then call dispatchAlert after
 * the commit when `created` and `discordStatus` is 'pending'.
 */
export async function raiseAlert(
  db: SfDb,
  input: RaiseAlertInput,
): Promise<{ id: number; created: boolean; discordStatus: 'pending' | 'not_configured' }> {
  const data = raiseAlertSchema.parse(input);
  const discordStatus = alertWebhookUrl() ? 'pending' : 'not_configured';
  try {
    const [res] = await db.insert(adminAlerts).values({
      severity: data.severity,
      category: data.category,
      title: data.title,
      body: data.body,
      dedupeKey: data.dedupeKey ?? null,
      discordStatus,
    });
    return { id: res.insertId, created: true, discordStatus };
  } catch (err) {
    if (!data.dedupeKey || !isDuplicateKeyError(err)) throw err;
    const [existing] = await db.select({ id: adminAlerts.id }).from(adminAlerts).where(eq(adminAlerts.dedupeKey, data.dedupeKey)).limit(1);
    if (!existing) throw err;
    return { id: existing.id, created: false, discordStatus };
  }
}

export function alertJobId(storefrontId: number, alertId: number): string {
  return `alert-${storefrontId}-${alertId}`;
}

/** Enqueues the Discord delivery; dispatching twice delivers once (see enqueueIdempotent). */
export async function dispatchAlert(storefrontId: number, alertId: number): Promise<void> {
  await enqueueIdempotent(deliverAlertSpec, { storefrontId, alertId }, alertJobId(storefrontId, alertId));
}
