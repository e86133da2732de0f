import { and, eq, inArray } from 'drizzle-orm';
import { kasmDesktopSettings, kasmSessions, panels, plans, services, type KasmSessionEndReason } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { createKasmClient, kasmDate, type KasmClient, type KasmSession } from '@/lib/integrations/kasm/client';
import { panelConnection, type Panel } from '@/lib/provisioning/panels';
import { billKasmSessions } from './bill-kasm-sessions';
import { checkDesktopCredit, type CreditCheckResult } from './check-desktop-credit';
import { closeKasmSession } from './close-kasm-session';
import { normalizeKasmId } from './session-billing';

const TRACKER: AuditActor = { type: 'system', label: 'kasm.track' };

export interface TrackResult {
  panels: number;
  /** Panels whose session list could not be read: nothing of theirs was closed this run. */
  unreachable: string[];
  adopted: number;
  closed: number;
  stopped: { sessionId: number; reason: KasmSessionEndReason }[];
  billed: number;
  credit: CreditCheckResult;
}

type Desktop = { id: number; publicId: string; userId: string; maxSessionMinutes: number | null; idleStopMinutes: number | null };

function maxMinutesOf(settings: unknown): number | null {
  const v = (settings as { maxSessionMinutes?: unknown } | null)?.maxSessionMinutes;
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
}

async function desktopsOn(db: StorefrontDb, panelId: number): Promise<Map<string, Desktop>> {
  const rows = await db
    .select({ id: services.id, publicId: services.publicId, userId: services.panelRef, moduleSettings: plans.moduleSettings, idleStopMinutes: kasmDesktopSettings.idleStopMinutes })
    .from(services)
    .innerJoin(plans, eq(plans.id, services.planId))
    .leftJoin(kasmDesktopSettings, eq(kasmDesktopSettings.serviceId, services.id))
    .where(and(eq(services.panelId, panelId), eq(plans.provisioningModule, 'kasm')));
  const out = new Map<string, Desktop>();
  for (const r of rows) if (r.userId) out.set(normalizeKasmId(r.userId), { id: r.id, publicId: r.publicId, userId: r.userId, maxSessionMinutes: maxMinutesOf(r.moduleSettings), idleStopMinutes: r.idleStopMinutes ?? null });
  return out;
}

/** Ends a session on Kasm and closes it; one Kasm will not end is left open, for the next run. */
async function enforce(db: StorefrontDb, client: KasmClient, desktop: Desktop, session: { id: number; kasmId: string }, reason: KasmSessionEndReason, now: Date): Promise<boolean> {
  try {
    await client.destroyKasm(session.kasmId, desktop.userId);
  } catch {
    return false;
  }
  await closeKasmSession(db, { sessionId: session.id, stoppedAt: now, endReason: reason, actor: TRACKER, now });
  return true;
}

async function trackPanel(db: StorefrontDb, panel: Panel, now: Date, out: TrackResult): Promise<void> {
  const desktops = await desktopsOn(db, panel.id);
  // Read before asking the panel: a session started after this read cannot be taken for one that vanished.
  const open = await db
    .select({ id: kasmSessions.id, serviceId: kasmSessions.serviceId, kasmId: kasmSessions.kasmId, startedAt: kasmSessions.startedAt, lastSeenAt: kasmSessions.lastSeenAt })
    .from(kasmSessions)
    .where(and(eq(kasmSessions.panelId, panel.id), inArray(kasmSessions.status, ['starting', 'running'])));
  const client = createKasmClient(panelConnection(panel), () => undefined);
  let live: KasmSession[];
  try {
    live = await client.getKasms();
  } catch {
    out.unreachable.push(panel.name);
    return;
  }
  const liveById = new Map(live.map((k) => [normalizeKasmId(k.kasm_id), k]));
  const openById = new Map(open.map((s) => [s.kasmId, s]));

  for (const [kasmId, k] of liveById) {
    const desktop = k.user_id ? desktops.get(normalizeKasmId(k.user_id)) : undefined;
    if (!desktop) continue;
    const seen = kasmDate(k.keepalive_date) ?? now;
    const running = (k.operational_status ?? '').toLowerCase() === 'running';
    let session: { id: number; kasmId: string; startedAt: Date } | undefined = openById.get(kasmId);
    if (!session) {
      const startedAt = kasmDate(k.start_date) ?? kasmDate(k.created_date) ?? now;
      // INSERT IGNORE on (panel, kasm id): a run killed halfway, or two at once, adopts it once; a row already stopped stays stopped.
      const [res] = await db.insert(kasmSessions).ignore().values({ serviceId: desktop.id, panelId: panel.id, kasmId, status: running ? 'running' : 'starting', source: 'tracker', startedAt, lastSeenAt: seen });
      if (res.affectedRows !== 1) continue;
      const [row] = await db.select({ id: kasmSessions.id }).from(kasmSessions).where(and(eq(kasmSessions.panelId, panel.id), eq(kasmSessions.kasmId, kasmId)));
      await recordAudit(db, { actor: TRACKER, action: 'service.kasm.session_adopted', target: { type: 'service', id: desktop.publicId }, after: { kasmId, startedAt: startedAt.toISOString() } });
      out.adopted += 1;
      session = { id: row!.id, kasmId, startedAt };
    } else {
      await db.update(kasmSessions).set({ lastSeenAt: seen, ...(running ? { status: 'running' as const } : {}) }).where(and(eq(kasmSessions.id, session.id), inArray(kasmSessions.status, ['starting', 'running'])));
    }
    const ranMin = (now.getTime() - session.startedAt.getTime()) / 60_000;
    const idleMin = (now.getTime() - seen.getTime()) / 60_000;
    const reason: KasmSessionEndReason | null = desktop.maxSessionMinutes !== null && ranMin >= desktop.maxSessionMinutes ? 'max_length' : desktop.idleStopMinutes !== null && idleMin >= desktop.idleStopMinutes ? 'idle' : null;
    if (reason && (await enforce(db, client, desktop, session, reason, now))) out.stopped.push({ sessionId: session.id, reason });
  }

  for (const s of open) {
    if (liveById.has(s.kasmId)) continue;
    // Gone from the panel (ended on Kasm's dashboard, reaped, or ended while a worker was down): billed to its last keepalive.
    const r = await closeKasmSession(db, { sessionId: s.id, stoppedAt: s.lastSeenAt ?? now, endReason: 'vanished', actor: TRACKER, now });
    if (r.closed) out.closed += 1;
  }
}

/**
 * The kasm.track job: reconciles every enabled Kasm panel's sessions with ours — adopts a session running that we do
 * not know (once, by the unique key), closes and bills one we think running that the panel no longer has, enforces
 * the plan's maximum session length and the customer's idle auto-stop, and bills stopped sessions a crash left
 * unbilled, then runs the credit guard (check-desktop-credit.ts). Safe to kill and run again: every write is guarded by a row's state or a unique key.
 */
export async function trackKasmSessions(db: StorefrontDb, opts: { now?: Date; storefrontId?: number } = {}): Promise<TrackResult> {
  const now = opts.now ?? new Date();
  const out: TrackResult = { panels: 0, unreachable: [], adopted: 0, closed: 0, stopped: [], billed: 0, credit: { notices: [], stopped: [] } };
  const kasmPanels = await db.select().from(panels).where(and(eq(panels.module, 'kasm'), eq(panels.enabled, true)));
  for (const panel of kasmPanels) {
    out.panels += 1;
    await trackPanel(db, panel, now, out);
  }
  out.billed = (await billKasmSessions(db, { now })).billed;
  // After billing, so the period's usage the guard weighs includes every closed session.
  out.credit = await checkDesktopCredit(db, { now, storefrontId: opts.storefrontId });
  return out;
}
