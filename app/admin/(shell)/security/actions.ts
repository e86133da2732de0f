'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { revokeOwnSession } from '@/lib/auth/list-sessions';
import { requestMeta, requireStaff } from '@/lib/auth/request-session';
import { AppError } from '@/lib/errors/app-error';
import { failed } from '@/lib/forms/action-result';
import type { ConfirmStep } from '@/lib/mfa/enrolment-steps';
import { regenerateRecoveryCodes } from '@/lib/mfa/regenerate-recovery-codes';

async function signedIn() {
  const s = await requireStaff();
  return { ...s, actor: { type: 'staff' as const, id: s.staff.id, label: s.staff.email, ...(await requestMeta()) } };
}

export async function regenerateStaffRecoveryCodes(_prev: ConfirmStep | null, data: FormData): Promise<ConfirmStep> {
  const s = await signedIn();
  try {
    const r = await regenerateRecoveryCodes(s.ctx.db, { storefrontId: s.ctx.storefront.id, principal: { type: 'staff', id: s.staff.id }, code: data.get('code'), sessionKey: s.sessionKey, actor: s.actor });
    return { ok: true, ...r };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
}

const revokeSchema = z.object({ sessionId: z.coerce.number().int().positive() });

export async function revokeOwnStaffSessionAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await signedIn();
  const parsed = revokeSchema.safeParse({ sessionId: data.get('sessionId') });
  if (!parsed.success) return { ok: false, message: 'Unknown session.' };
  try {
    await revokeOwnSession(s.ctx.db, { principalType: 'staff', principalId: s.staff.id, sessionId: parsed.data.sessionId, actor: s.actor });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/security');
  return { ok: true, message: 'Session signed out.' };
}
