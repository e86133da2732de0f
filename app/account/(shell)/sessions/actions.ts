'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { revokeOwnSession } from '@/lib/auth/list-sessions';
import { requestMeta, requireCustomerInPerson } from '@/lib/auth/request-session';
import { revokeSessionsOf } from '@/lib/auth/revoke-sessions';
import { recordAudit } from '@/lib/audit/record-audit';
import { failed } from '@/lib/forms/action-result';

const revokeSchema = z.object({ sessionId: z.coerce.number().int().positive() });

export async function revokeSessionAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const { ctx, customer } = await requireCustomerInPerson();
  const parsed = revokeSchema.safeParse({ sessionId: data.get('sessionId') });
  if (!parsed.success) return { ok: false, message: 'Unknown session.' };
  try {
    await revokeOwnSession(ctx.db, {
      principalType: 'customer',
      principalId: customer.id,
      sessionId: parsed.data.sessionId,
      actor: { type: 'customer', id: customer.id, label: customer.email, ...(await requestMeta()) },
    });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/sessions');
  return { ok: true, message: 'Session signed out.' };
}

export async function signOutOtherSessionsAction(): Promise<ActionResult> {
  const { ctx, customer, sessionId } = await requireCustomerInPerson();
  const actor = { type: 'customer' as const, id: customer.id, label: customer.email, ...(await requestMeta()) };
  const revoked = await ctx.db.transaction(async (tx) => {
    const n = await revokeSessionsOf(tx, 'customer', customer.id, sessionId);
    await recordAudit(tx, { actor, action: 'auth.other_sessions_revoked', target: { type: 'customer', id: customer.id }, after: { sessionsRevoked: n } });
    return n;
  });
  revalidatePath('/sessions');
  return { ok: true, message: `${revoked} other session(s) signed out.` };
}
