import { and, eq, inArray } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { postDiscordWebhook, type DiscordWebhookMessage } from '@/lib/integrations/discord/client';
import type { Storefront } from '@/db/schema/central';
import { adminAlerts, type AdminAlert } from '@/db/schema/storefront';
import { alertWebhookUrl } from './raise-alert';

const SEVERITY_COLOR: Record<AdminAlert['severity'], number> = { info: 0x2563eb, warning: 0xd97706, critical: 0xdc2626 };

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function alertToDiscordMessage(alert: AdminAlert, storefront: Pick<Storefront, 'name'>): DiscordWebhookMessage {
  return {
    username: truncate(storefront.name, 80),
    embeds: [
      {
        title: truncate(`[${alert.severity.toUpperCase()}] ${alert.title}`, 256),
        description: truncate(alert.body || '(no details)', 4096),
        color: SEVERITY_COLOR[alert.severity],
        fields: [{ name: 'Category', value: truncate(alert.category, 1024), inline: true }],
        footer: { text: truncate(`${storefront.name} · alert #${alert.id}`, 2048) },
        timestamp: alert.createdAt.toISOString(),
      },
    ],
  };
}

export type DeliverAlertOutcome = 'sent' | 'already_sent' | 'not_configured';

/**
 * Posts an alert to Discord and records the outcome on the row. A failure is recorded as 'failed' with
 * the error and rethrown so the job retries.
 */
export async function deliverAlert(db: SfDb, storefront: Pick<Storefront, 'id' | 'name'>, alertId: number): Promise<DeliverAlertOutcome> {
  const [alert] = await db.select().from(adminAlerts).where(eq(adminAlerts.id, alertId)).limit(1);
  if (!alert) throw new AppError('not_found', `Alert ${alertId} does not exist.`);
  if (alert.discordStatus === 'sent') return 'already_sent';
  const open = and(eq(adminAlerts.id, alertId), inArray(adminAlerts.discordStatus, ['pending', 'failed', 'not_configured']));
  const url = alertWebhookUrl();
  if (!url) {
    // The webhook was removed after the alert was raised: nothing to retry.
    await db.update(adminAlerts).set({ discordStatus: 'not_configured', discordError: null }).where(open);
    return 'not_configured';
  }
  try {
    await postDiscordWebhook(url, alertToDiscordMessage(alert, storefront));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db.update(adminAlerts).set({ discordStatus: 'failed', discordError: message.slice(0, 2000) }).where(open);
    throw err;
  }
  await db.update(adminAlerts).set({ discordStatus: 'sent', discordError: null }).where(open);
  return 'sent';
}
