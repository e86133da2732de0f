'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess } from '@/lib/auth/customer-actor';
import { failed } from '@/lib/forms/action-result';
import { setIdleStop } from '@/lib/kasm/set-idle-stop';
import { startKasmSession } from '@/lib/kasm/start-kasm-session';
import { stopKasmSession } from '@/lib/kasm/stop-kasm-session';

const servicePublicId = z.string().regex(/^svc_[a-z0-9]{1,40}$/);

/** Start: the session is billed from now, so the message says so. */
export async function startDesktopAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = servicePublicId.safeParse(data.get('serviceId'));
  if (!id.success) return { ok: false, message: 'No such service.' };
  try {
    await startKasmSession(access.ctx.db, { servicePublicId: id.data, customerId: access.account.id, actor: access.actor });
    revalidatePath(`/services/${id.data}`);
    return { ok: true, message: 'Your desktop is starting; billing runs from now until you stop it.' };
  } catch (err) {
    return failed(err, {});
  }
}

export async function stopDesktopAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = servicePublicId.safeParse(data.get('serviceId'));
  if (!id.success) return { ok: false, message: 'No such service.' };
  try {
    const r = await stopKasmSession(access.ctx.db, { servicePublicId: id.data, customerId: access.account.id, actor: access.actor });
    revalidatePath(`/services/${id.data}`);
    return { ok: true, message: `Session stopped: ${r.billedMinutes ?? 0} minutes billed.` };
  } catch (err) {
    return failed(err, {});
  }
}

const idleSchema = z.object({ serviceId: servicePublicId, minutes: z.string().trim().max(5) });

export async function idleStopAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const input = idleSchema.safeParse({ serviceId: data.get('serviceId'), minutes: data.get('minutes') ?? '' });
  if (!input.success) return { ok: false, message: 'No such service.' };
  try {
    const minutes = await setIdleStop(access.ctx.db, { servicePublicId: input.data.serviceId, customerId: access.account.id, minutes: input.data.minutes, actor: access.actor });
    revalidatePath(`/services/${input.data.serviceId}`);
    return { ok: true, message: minutes === null ? 'Auto-stop is off.' : `Sessions now stop after ${minutes} idle minutes.` };
  } catch (err) {
    return failed(err, { minutes: input.data.minutes });
  }
}
