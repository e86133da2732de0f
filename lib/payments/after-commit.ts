import { dispatchAlert } from '@/lib/alerts/raise-alert';
import { dispatchEmail } from '@/lib/email/enqueue-email';

/** Sends what a committed payment change queued (a lost email dispatch is picked up by the outbox sweep). */
export async function dispatchQueued(storefrontId: number, queued: { mail: number[]; alerts: number[] }): Promise<void> {
  for (const id of queued.mail) await dispatchEmail(storefrontId, id).catch(() => undefined);
  for (const id of queued.alerts) await dispatchAlert(storefrontId, id).catch(() => undefined);
}
