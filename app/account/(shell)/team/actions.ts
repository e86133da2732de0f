'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { customerActor } from '@/lib/auth/customer-actor';
import { failed, formValues } from '@/lib/forms/action-result';
import { changeTeamMemberPermissions, removeTeamMember } from '@/lib/teams/change-team-member';
import { inviteTeamMember, revokeTeamInvite } from '@/lib/teams/invite-team-member';
import { switchAccount } from '@/lib/teams/switch-account';

const idSchema = z.coerce.number().int().positive();

/** Only the owner manages their own team, in person and on their own account (not while working on another's). */
async function owner() {
  const who = await customerActor({ inPerson: true });
  if (who.membership) return { ok: false as const, message: 'Switch back to your own account to manage your team.' };
  return { ok: true as const, ...who };
}

export async function inviteTeamMemberAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const o = await owner();
  if (!o.ok) return { ok: false, message: o.message };
  const values = formValues(data, ['email']);
  try {
    await inviteTeamMember(o.ctx.db, {
      storefrontId: o.ctx.storefront.id,
      ownerId: o.customer.id,
      input: { email: String(data.get('email') ?? ''), permissions: data.getAll('permissions').map(String) },
      actor: o.actor,
    });
  } catch (err) {
    return failed(err, values);
  }
  revalidatePath('/team');
  return { ok: true, message: `Invitation sent to ${values.email?.trim().toLowerCase()}.` };
}

export async function changeTeamMemberAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const o = await owner();
  if (!o.ok) return { ok: false, message: o.message };
  const memberId = idSchema.safeParse(data.get('memberId'));
  if (!memberId.success) return { ok: false, message: 'No such team member.' };
  try {
    await changeTeamMemberPermissions(o.ctx.db, { ownerId: o.customer.id, memberId: memberId.data, permissions: data.getAll('permissions').map(String), actor: o.actor });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/team');
  return { ok: true, message: 'Permissions saved.' };
}

export async function removeTeamMemberAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const o = await owner();
  if (!o.ok) return { ok: false, message: o.message };
  const memberId = idSchema.safeParse(data.get('memberId'));
  if (!memberId.success) return { ok: false, message: 'No such team member.' };
  try {
    await removeTeamMember(o.ctx.db, { ownerId: o.customer.id, memberId: memberId.data, actor: o.actor });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/team');
  return { ok: true, message: 'Access removed.', redirectTo: '/team' };
}

export async function revokeTeamInviteAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const o = await owner();
  if (!o.ok) return { ok: false, message: o.message };
  const inviteId = idSchema.safeParse(data.get('inviteId'));
  if (!inviteId.success) return { ok: false, message: 'No such invitation.' };
  try {
    await revokeTeamInvite(o.ctx.db, { ownerId: o.customer.id, inviteId: inviteId.data, actor: o.actor });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/team');
  return { ok: true, message: 'Invitation withdrawn.', redirectTo: '/team' };
}

/** Works on another account the person is a member of, or back on their own (ownerId = "self"). */
export async function switchAccountAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const who = await customerActor();
  const raw = data.get('ownerId');
  const target = raw === 'self' ? null : idSchema.safeParse(raw);
  if (target !== null && !target.success) return { ok: false, message: 'No such account.' };
  try {
    await switchAccount(who.ctx.db, { sessionId: who.sessionId, personId: who.customer.id, ownerId: target?.data ?? null, actor: who.actor });
  } catch (err) {
    return failed(err, {});
  }
  return { ok: true, redirectTo: '/' };
}

/** A member leaves an account's team. */
export async function leaveTeamAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const who = await customerActor({ inPerson: true });
  const ownerId = idSchema.safeParse(data.get('ownerId'));
  if (!ownerId.success) return { ok: false, message: 'No such account.' };
  try {
    await removeTeamMember(who.ctx.db, { ownerId: ownerId.data, memberId: who.customer.id, actor: who.actor });
  } catch (err) {
    return failed(err, {});
  }
  return { ok: true, message: 'You left that account.', redirectTo: '/team' };
}
