import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, desc, eq, gt, max } from 'drizzle-orm';
import { auditLog, emailOutbox, sessions, teamInvites } from '@/db/schema/storefront';
import { createSession, findSession } from '@/lib/auth/sessions';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { acceptTeamInvite } from '@/lib/teams/accept-team-invite';
import { changeTeamMemberPermissions, removeTeamMember } from '@/lib/teams/change-team-member';
import { inviteTeamMember } from '@/lib/teams/invite-team-member';
import { findMembership, listAccountsOfMember, listTeamMembers } from '@/lib/teams/list-team';
import { assertTeamAllows, teamAllows } from '@/lib/teams/permissions';
import { switchAccount } from '@/lib/teams/switch-account';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { expectAppError } from './helpers/expect-app-error';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };

// Verified, as owners must be to invite.
async function person(email: string) {
  return (await createCustomer(db, { input: { email, name: email.split('@')[0]!, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR', emailVerified: true }, actor: system })).id;
}

/** The token from the newest invitation mail to an address. */
async function tokenFor(email: string): Promise<string> {
  const [mail] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'team-invite'), eq(emailOutbox.toAddress, email))).orderBy(desc(emailOutbox.id)).limit(1);
  const url = (mail!.props as { acceptUrl: string }).acceptUrl;
  return new URL(url).searchParams.get('token')!;
}

let teams = 0;
/** An owner whose member joined through the emailed invitation with services.view alone, and a stranger to both. */
async function team() {
  const n = ++teams;
  const [owner, member, stranger] = [await person(`owner${n}@example.com`), await person(`member${n}@example.com`), await person(`stranger${n}@example.com`)];
  const ownerActor = { type: 'customer' as const, id: owner, label: `owner${n}@example.com` };
  await inviteTeamMember(db, { storefrontId, ownerId: owner, input: { email: `member${n}@example.com`, permissions: ['services.view'] }, actor: ownerActor });
  await acceptTeamInvite(db, { token: await tokenFor(`member${n}@example.com`), personId: member, actor: { type: 'customer', id: member } });
  return { owner, member, stranger, ownerActor };
}

/** Audit rows written since this test began. */
let auditedBefore = 0;

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  storefrontId = sf.id;
  db = openStorefrontDb(sf);
});
afterAll(async () => {
  await t.cleanup();
});
beforeEach(async () => {
  auditedBefore = Number((await db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
});

describe('teams', () => {
  it('invites by email; only the invited address can accept, once', async () => {
    const [owner, member, stranger] = [await person('owner@example.com'), await person('member@example.com'), await person('stranger@example.com')];
    const ownerActor = { type: 'customer' as const, id: owner, label: 'owner@example.com' };
    await expectAppError(inviteTeamMember(db, { storefrontId, ownerId: owner, input: { email: 'owner@example.com', permissions: ['services.view'] }, actor: ownerActor }), 'bad_request');
    await expectAppError(inviteTeamMember(db, { storefrontId, ownerId: owner, input: { email: 'member@example.com', permissions: [] }, actor: ownerActor }), 'bad_request');
    await expectAppError(inviteTeamMember(db, { storefrontId, ownerId: owner, input: { email: 'member@example.com', permissions: ['root'] }, actor: ownerActor }), 'bad_request');
    await inviteTeamMember(db, { storefrontId, ownerId: owner, input: { email: 'Member@Example.com', permissions: ['services.view'] }, actor: ownerActor });
    const token = await tokenFor('member@example.com');
    await expectAppError(acceptTeamInvite(db, { token, personId: stranger, actor: system }), 'forbidden');
    await acceptTeamInvite(db, { token, personId: member, actor: { type: 'customer', id: member } });
    await expectAppError(acceptTeamInvite(db, { token, personId: member, actor: system }), 'bad_request');
    expect(await findMembership(db, owner, member)).toEqual(['services.view']);
    expect(await listTeamMembers(db, owner)).toMatchObject([{ memberId: member, email: 'member@example.com', permissions: ['services.view'] }]);
    expect(await listAccountsOfMember(db, member)).toMatchObject([{ ownerId: owner, permissions: ['services.view'] }]);
    const [invite] = await db.select().from(teamInvites).where(eq(teamInvites.ownerId, owner));
    expect(invite!.acceptedAt).not.toBeNull();
    await expectAppError(inviteTeamMember(db, { storefrontId, ownerId: owner, input: { email: 'member@example.com', permissions: ['billing.view'] }, actor: ownerActor }), 'conflict');
  });

  it('a member without billing permission may not see or pay invoices', async () => {
    const { owner, member } = await team();
    const perms = (await findMembership(db, owner, member))!;
    expect(teamAllows(perms, 'services.view')).toBe(true);
    expect(teamAllows(perms, 'billing.view')).toBe(false);
    expect(teamAllows(perms, 'billing.pay')).toBe(false);
    expect(teamAllows(perms, 'account.manage')).toBe(false);
    // What the invoice pages and the pay action run: a 403 for the member, nothing in the way of the owner.
    for (const needed of ['billing.view', 'billing.pay'] as const) {
      const err = (() => {
        try {
          assertTeamAllows({ permissions: perms }, needed);
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(403);
      expect(() => assertTeamAllows(null, needed)).not.toThrow();
    }
    expect(() => assertTeamAllows({ permissions: perms }, 'services.view')).not.toThrow();
  });

  it('switches a session onto the owner’s account and back, only with a membership', async () => {
    const { owner, member, stranger } = await team();
    const { token } = await createSession(db, { principalType: 'customer', principalId: member });
    const session = (await findSession(db, token, 'customer'))!;
    await switchAccount(db, { sessionId: session.id, personId: member, ownerId: owner, actor: system });
    expect((await findSession(db, token, 'customer'))!.actingForCustomerId).toBe(owner);
    await expectAppError(switchAccount(db, { sessionId: session.id, personId: stranger, ownerId: owner, actor: system }), 'forbidden');
    await switchAccount(db, { sessionId: session.id, personId: member, ownerId: null, actor: system });
    expect((await findSession(db, token, 'customer'))!.actingForCustomerId).toBeNull();
  });

  it('the owner changes and revokes access, audited, and the member’s sessions fall back to their own account', async () => {
    const { owner, member, ownerActor } = await team();
    // A session of the member's working on the owner's account when access ends.
    const { token } = await createSession(db, { principalType: 'customer', principalId: member });
    await switchAccount(db, { sessionId: (await findSession(db, token, 'customer'))!.id, personId: member, ownerId: owner, actor: system });
    expect((await findSession(db, token, 'customer'))!.actingForCustomerId).toBe(owner);
    await expectAppError(changeTeamMemberPermissions(db, { ownerId: owner, memberId: member, permissions: ['nonsense'], actor: ownerActor }), 'bad_request');
    await changeTeamMemberPermissions(db, { ownerId: owner, memberId: member, permissions: ['billing.pay', 'services.view'], actor: ownerActor });
    expect(teamAllows((await findMembership(db, owner, member))!, 'billing.view')).toBe(true);
    const [changed] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'team.permissions_changed'), gt(auditLog.id, auditedBefore)));
    expect(changed).toMatchObject({ actorType: 'customer', actorId: owner, before: { memberId: member, permissions: ['services.view'] }, after: { memberId: member, permissions: ['services.view', 'billing.pay'] } });

    await removeTeamMember(db, { ownerId: owner, memberId: member, actor: ownerActor });
    expect(await findMembership(db, owner, member)).toBeNull();
    const acting = await db.select().from(sessions).where(and(eq(sessions.principalId, member), eq(sessions.actingForCustomerId, owner)));
    expect(acting).toHaveLength(0);
    expect((await findSession(db, token, 'customer'))!.actingForCustomerId).toBeNull();
    await expectAppError(removeTeamMember(db, { ownerId: owner, memberId: member, actor: ownerActor }), 'not_found');
    const actions = (await db.select({ a: auditLog.action }).from(auditLog).where(gt(auditLog.id, auditedBefore))).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(['team.invited', 'team.member_joined', 'team.switched_account', 'team.permissions_changed', 'team.member_removed']));
  });
});
