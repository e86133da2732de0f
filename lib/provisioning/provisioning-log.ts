import { provisioningLog, type OrderItemSelection } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import { bulkInsert } from '@/lib/db/bulk-insert';
import type { SfDb } from '@/lib/db/connection';
import type { PanelHttpEntry } from './panel-http';

/**
 * Writes one try of a panel action to the service's provisioning log: a line per HTTP call (already stripped of
 * secrets by panelHttp), then the outcome as its own line, so a failure without any call still shows.
 */
export async function writeProvisioningLog(
  db: SfDb,
  e: { serviceId: number; requestId: number | null; action: string; attempt: number; actor: AuditActor; calls: PanelHttpEntry[]; error: string | null; ms?: number },
): Promise<void> {
  const actor = (e.actor.label ?? e.actor.type).slice(0, 255);
  const base = { serviceId: e.serviceId, requestId: e.requestId, action: e.action, attempt: e.attempt, actor };
  const rows: (typeof provisioningLog.$inferInsert)[] = e.calls.map((c) => ({
    ...base,
    method: c.method,
    path: c.path.slice(0, 500),
    requestSummary: c.requestSummary,
    responseStatus: c.status,
    responseExcerpt: c.responseExcerpt,
    durationMs: c.durationMs,
    error: c.error?.slice(0, 500) ?? null,
    ok: c.error === null && c.status !== null && c.status < 400,
  }));
  rows.push({ ...base, method: null, path: null, requestSummary: null, responseStatus: null, responseExcerpt: null, durationMs: e.ms ?? null, error: e.error, ok: e.error === null });
  await bulkInsert(db, provisioningLog, rows);
}

/**
 * What the customer chose at order time as a module sees it: typed fields (hostname, domain, server name) and each
 * configurable option by code (os → ubuntu-24-04), plus a server staff assigned by hand.
 */
export function orderFieldsOf(selection: OrderItemSelection | null, details: unknown): Record<string, string> {
  const d = (details ?? {}) as Record<string, unknown>;
  const options = Object.fromEntries((selection?.options ?? []).map((o) => [o.optionCode, o.valueCode]));
  return { ...options, ...(selection?.fields ?? {}), ...(typeof d.assignedServerId === 'string' ? { assignedServerId: d.assignedServerId } : {}) };
}
