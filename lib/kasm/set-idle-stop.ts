import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { kasmDesktopSettings } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { getKasmServiceOrThrow } from './kasm-service';

/** Blank turns auto-stop off; otherwise whole minutes, 5 to a day. */
const minutesSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return null;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < 5 || n > 1440) {
      ctx.addIssue({ code: 'custom', message: 'must be whole minutes from 5 to 1440, or blank for never' });
      return z.NEVER;
    }
    return n;
  });

/** The customer's auto-stop: the tracker ends a session whose last keepalive is this many minutes old (audited). */
export async function setIdleStop(db: StorefrontDb, opts: { servicePublicId: string; customerId?: number; minutes: string; actor: AuditActor }): Promise<number | null> {
  const svc = await getKasmServiceOrThrow(db, opts);
  const parsed = minutesSchema.safeParse(opts.minutes);
  if (!parsed.success) throw new AppError('bad_request', `Idle minutes ${parsed.error.issues[0]?.message ?? 'are invalid'}.`, { minutes: [parsed.error.issues[0]?.message ?? 'is invalid'] });
  const minutes = parsed.data;
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(kasmDesktopSettings).where(eq(kasmDesktopSettings.serviceId, svc.id)).for('update');
    await tx.insert(kasmDesktopSettings).values({ serviceId: svc.id, idleStopMinutes: minutes }).onDuplicateKeyUpdate({ set: { idleStopMinutes: minutes } });
    await recordAudit(tx, { actor: opts.actor, action: 'service.kasm.idle_stop_set', target: { type: 'service', id: svc.publicId }, before: { idleStopMinutes: before?.idleStopMinutes ?? null }, after: { idleStopMinutes: minutes } });
  });
  return minutes;
}
