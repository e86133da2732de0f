import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { kasmSessions } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { billKasmSessions, type KasmBillingResult } from './bill-kasm-sessions';
import { getKasmServiceOrThrow } from './kasm-service';
import { billedMinutesOf } from './session-billing';

/** Reporters' clocks drift: a stop this far ahead of now is accepted, as the usage engine accepts it. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export const kasmCorrectionSchema = z
  .object({
    servicePublicId: z.string().trim().regex(/^svc_[A-Za-z0-9_]{1,40}$/, 'must be a service id such as svc_…'),
    start: z.date({ error: 'must be an ISO date-time' }),
    stop: z.date({ error: 'must be an ISO date-time' }),
    reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500, 'must be at most 500 characters'),
  })
  .refine((v) => v.stop > v.start, { path: ['stop'], message: 'must be after the start' });

/**
 * Staff's correction for a session the panel missed: recorded as a stopped session (source staff_correction, with
 * its reason, audited in the same transaction) and billed through the same path as any other — one usage event of
 * its time rounded up to 15 minutes, in the period of its stop.
 */
export async function recordKasmSession(
  db: StorefrontDb,
  opts: { input: z.input<typeof kasmCorrectionSchema>; actor: AuditActor; now?: Date },
): Promise<{ sessionId: number; kasmId: string; billedMinutes: number; billing: KasmBillingResult }> {
  const parsed = kasmCorrectionSchema.safeParse(opts.input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('bad_request', `${issue?.path.join('.') || 'input'} ${issue?.message ?? 'is invalid'}`);
  }
  const input = parsed.data;
  const now = opts.now ?? new Date();
  if (input.stop.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw new AppError('bad_request', 'stop is in the future: record a session once it has ended.');
  const svc = await getKasmServiceOrThrow(db, { servicePublicId: input.servicePublicId });
  const kasmId = `corr${randomBytes(14).toString('hex')}`;
  const billedMinutes = billedMinutesOf(input.start, input.stop);
  const sessionId = await db.transaction(async (tx) => {
    const [res] = await tx.insert(kasmSessions).values({
      serviceId: svc.id,
      // A desktop never placed on a panel has no panel id; 0 keeps the (panel, kasm id) key unique all the same.
      panelId: svc.panelId ?? 0,
      kasmId,
      status: 'stopped',
      source: 'staff_correction',
      startedAt: input.start,
      stoppedAt: input.stop,
      endReason: 'correction',
      billedMinutes,
      reason: input.reason,
    });
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'service.kasm.session_corrected',
      target: { type: 'service', id: svc.publicId },
      after: { kasmId, startedAt: input.start.toISOString(), stoppedAt: input.stop.toISOString(), billedMinutes, reason: input.reason },
    });
    return res.insertId;
  });
  const billing = await billKasmSessions(db, { sessionIds: [sessionId], now });
  return { sessionId, kasmId, billedMinutes, billing };
}
