'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { revokeOwnSession } from '@/lib/auth/list-sessions';
import { requestMeta, requireCustomerInPerson } from '@/lib/auth/request-session';
import { revokeOtherSessions } from '@/lib/auth/revoke-other-sessions';
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
  const revoked = await revokeOtherSessions(ctx.db, { customerId: customer.id, keepSessionId: sessionId, actor });
  revalidatePath('/sessions');
  return { ok: true, message: `${revoked} other session(s) signed out.` };
}
