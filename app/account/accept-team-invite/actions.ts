'use server';

import type { ActionResult } from '@/components/ui/action-form';
import { customerActor } from '@/lib/auth/customer-actor';
import { failed } from '@/lib/forms/action-result';
import { acceptTeamInvite } from '@/lib/teams/accept-team-invite';
import { switchAccount } from '@/lib/teams/switch-account';

export async function acceptTeamInviteAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const who = await customerActor({ inPerson: true });
  try {
    const { ownerId } = await acceptTeamInvite(who.ctx.db, { token: String(data.get('token') ?? ''), personId: who.customer.id, actor: who.actor });
    await switchAccount(who.ctx.db, { sessionId: who.sessionId, personId: who.customer.id, ownerId, actor: who.actor });
  } catch (err) {
    return failed(err, {});
  }
  return { ok: true, message: 'You joined the team.', redirectTo: '/' };
}
