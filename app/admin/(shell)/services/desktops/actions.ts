'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { failed, formValues } from '@/lib/forms/action-result';
import { recordKasmSession } from '@/lib/kasm/record-kasm-session';
import { stopKasmSession } from '@/lib/kasm/stop-kasm-session';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

const stopSchema = z.object({ service: z.string().regex(/^svc_[a-z0-9]{1,40}$/), session: z.coerce.number().int().positive() });

/** Force stop: ends the session on Kasm and bills it to now, as the customer's Stop does (audited as staff). */
export async function forceStopDesktopAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const input = stopSchema.safeParse({ service: data.get('service'), session: data.get('session') });
  if (!input.success) return { ok: false, message: 'No such session.' };
  try {
    const r = await stopKasmSession(access.ctx.db, { servicePublicId: input.data.service, sessionId: input.data.session, endReason: 'staff', actor: await staffChangeActor(access.staff) });
    revalidatePath('/services/desktops');
    return { ok: true, message: `Stopped; ${r.billedMinutes ?? 0} minutes billed.` };
  } catch (err) {
    return failed(err, {});
  }
}

const FIELDS = ['service', 'start', 'stop', 'reason'] as const;
const when = (v: FormDataEntryValue | null) => (typeof v === 'string' && v.trim() ? new Date(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`) : undefined);

/** A session the panel missed, added with its reason and billed through the normal path. Times are UTC. */
export async function recordDesktopSessionAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const values = formValues(data, FIELDS);
  try {
    const r = await recordKasmSession(access.ctx.db, {
      input: { servicePublicId: String(data.get('service') ?? ''), start: when(data.get('start')) as Date, stop: when(data.get('stop')) as Date, reason: String(data.get('reason') ?? '') },
      actor: await staffChangeActor(access.staff),
    });
    revalidatePath('/services/desktops');
    const refused = r.billing.refused[0]?.message;
    return { ok: true, message: `Recorded: ${r.billedMinutes} minutes${refused ? `, not billed yet (${refused})` : ' billed'}.` };
  } catch (err) {
    return failed(err, values);
  }
}
