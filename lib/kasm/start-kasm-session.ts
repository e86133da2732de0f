import { and, eq, inArray } from 'drizzle-orm';
import { kasmSessions, services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { KasmUnavailableError } from '@/lib/integrations/kasm/client';
import type { PanelHttpEntry } from '@/lib/provisioning/panel-http';
import { writeProvisioningLog } from '@/lib/provisioning/provisioning-log';
import { cleanUntrustedText } from '@/lib/security/untrusted-text';
import { creditLevel } from './check-desktop-credit';
import { getKasmDesktopView } from './get-kasm-desktop-view';
import { getKasmServiceOrThrow, kasmClientFor } from './kasm-service';
import { getCreditBalance } from '@/lib/credit/credit-balance';
import { listPaymentMethods } from '@/lib/payments/payment-methods';
import { normalizeKasmId } from './session-billing';

const OPEN = ['starting', 'running'] as const;

/**
 * The Start button: asks Kasm for a session of the plan's image for the service's user and records it as 'starting'
 * (billed from now). One session per desktop at a time: the service row is locked while Kasm is asked, so two clicks
 * cannot start two. A session the tracker already adopted under the same id is left as it is.
 */
export async function startKasmSession(db: StorefrontDb, opts: { servicePublicId: string; customerId?: number; actor: AuditActor; now?: Date }): Promise<{ sessionId: number; kasmId: string }> {
  const svc = await getKasmServiceOrThrow(db, opts);
  if (svc.status === 'suspended') throw new AppError('conflict', 'This desktop is suspended, so no session can start. Settle the account or contact support to lift the suspension.');
  if (svc.status !== 'active') throw new AppError('conflict', `This desktop is ${svc.status}; sessions start only on an active desktop.`);
  // Paying from credit alone, a customer whose credit this period's use has spent cannot start another session.
  if ((await listPaymentMethods(db, svc.customerId)).length === 0) {
    const view = await getKasmDesktopView(db, { servicePublicId: svc.publicId, now: opts.now });
    const credit = await getCreditBalance(db, svc.customerId, view.currency);
    if (creditLevel(credit, view.month.amountMinor) === 'empty') throw new AppError('conflict', 'Your account credit is used up by this period’s desktop use. Add credit or a payment method to start a session.');
  }
  const calls: PanelHttpEntry[] = [];
  const { client, userId, planSettings } = await kasmClientFor(db, svc.id, calls);
  const imageId = typeof planSettings.imageId === 'string' ? planSettings.imageId : null;
  if (!imageId) throw new AppError('conflict', 'This plan has no workspace image set; staff must pick one.');

  let error: string | null = null;
  try {
    return await db.transaction(async (tx) => {
      const [locked] = await tx.select({ status: services.status }).from(services).where(eq(services.id, svc.id)).for('update');
      if (locked?.status !== 'active') throw new AppError('conflict', 'This desktop is no longer active.');
      const [open] = await tx.select({ id: kasmSessions.id }).from(kasmSessions).where(and(eq(kasmSessions.serviceId, svc.id), inArray(kasmSessions.status, OPEN))).limit(1);
      if (open) throw new AppError('conflict', 'A session is already running on this desktop: open it, or stop it first.');
      let started;
      try {
        started = await client.requestKasm({ userId, imageId });
      } catch (err) {
        error = cleanUntrustedText(err instanceof Error ? err.message : String(err), 500);
        if (err instanceof KasmUnavailableError) throw new AppError('unavailable', 'The desktop server is not answering right now. Please try again in a minute.');
        throw new AppError('unavailable', 'The desktop server could not start a session right now. Please try again later.');
      }
      const kasmId = normalizeKasmId(started.kasmId);
      const now = opts.now ?? new Date();
      await tx
        .insert(kasmSessions)
        .ignore()
        .values({ serviceId: svc.id, panelId: svc.panelId!, kasmId, kasmUrl: started.url.slice(0, 1000), status: 'starting', source: 'app', startedAt: now });
      const [row] = await tx.select({ id: kasmSessions.id }).from(kasmSessions).where(and(eq(kasmSessions.panelId, svc.panelId!), eq(kasmSessions.kasmId, kasmId)));
      // A row the tracker adopted first has no link: this answer's link is the one that opens it.
      await tx.update(kasmSessions).set({ kasmUrl: started.url.slice(0, 1000) }).where(eq(kasmSessions.id, row!.id));
      await recordAudit(tx, { actor: opts.actor, action: 'service.kasm.session_started', target: { type: 'service', id: svc.publicId }, after: { kasmId, startedAt: now.toISOString() } });
      return { sessionId: row!.id, kasmId };
    });
  } finally {
    if (calls.length) await writeProvisioningLog(db, { serviceId: svc.id, requestId: null, action: 'kasm:start', attempt: 1, actor: opts.actor, calls, error });
  }
}
