import { and, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { createSession, hashToken } from '@/lib/auth/sessions';
import { listActiveSessions } from '@/lib/auth/list-sessions';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { DEFAULT_ROLE_PERMISSIONS, getRolePermissions, PERMISSIONS, staffHas } from '@/lib/staff/permissions';
import { updateRolePermissions } from '@/lib/staff/update-role-permissions';
import { changeStaffRole, revokeStaffSession, setStaffStatus, type StaffChangeActor } from '@/lib/staff/update-staff-member';
import { inviteStaff, listPendingInvites, revokeStaffInvite } from '@/lib/staff/invite-staff';
import { acceptStaffInvite, findStaffInvite } from '@/lib/staff/accept-staff-invite';
import type { StorefrontDb } from '@/lib/db/connection';
import { auditLog, emailOutbox, staffInvites, staffRoles, staffUsers } from '@/db/schema/storefront';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
let owner: StaffChangeActor;

const PASSWORD = 'Correct-Horse-Battery-9';

async function staff(email: string, role: 'owner' | 'administrator' | 'billing' | 'support' | 'read_only') {
  const s = await createStaffUser(db, { storefrontId, input: { email, name: email.split('@')[0]!, password: PASSWORD, role }, actor: { type: 'system' } });
  return { ...s, status: 'active' as const, role };
}

/** Audit rows of this test only. */
let auditedBefore = 0;
async function auditFor(action: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.action, action), gt(auditLog.id, auditedBefore)));
}

/** The token from the newest invitation email to an address (the database keeps only its hash). */
async function inviteToken(email: string): Promise<string> {
  const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
  const url = (mail!.props as { acceptUrl: string }).acceptUrl;
  return new URL(url).searchParams.get('token')!;
}

/** The saved roles as beforeAll left them. */
let firstRoles: (typeof staffRoles.$inferSelect)[] = [];

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  storefrontId = sf.id;
  db = openStorefrontDb(sf);
  const o = await staff('owner@shop.test', 'owner');
  owner = { type: 'staff', id: o.id, label: o.email, role: 'owner' };
  firstRoles = await db.select().from(staffRoles);
});
afterAll(async () => {
  await t.cleanup();
});
// Each test starts with the roles as the storefront was made, whatever another test saved.
beforeEach(async () => {
  await db.delete(staffRoles);
  if (firstRoles.length) await db.insert(staffRoles).values(firstRoles);
  auditedBefore = Number((await db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
});

describe('role permissions', () => {
  it('uses the default sets until a role is saved, and the owner always has everything', async () => {
    expect(await getRolePermissions(db, 'owner')).toEqual([...PERMISSIONS]);
    expect(await getRolePermissions(db, 'billing')).toEqual([...DEFAULT_ROLE_PERMISSIONS.billing]);
    const readOnly = await getRolePermissions(db, 'read_only');
    expect(readOnly.every((p) => p.endsWith('.view'))).toBe(true);
    expect(await getRolePermissions(db, 'administrator')).not.toContain('staff.manage');
  });

  it('denies read-only staff every action and a disabled member everything', async () => {
    const ro = await staff('viewer@shop.test', 'read_only');
    expect(await staffHas(db, ro, 'audit.view')).toBe(true);
    for (const p of ['emails.send', 'alerts.manage', 'staff.manage', 'billing.manage'] as const) expect(await staffHas(db, ro, p)).toBe(false);
    expect(await staffHas(db, { role: 'owner', status: 'disabled' }, 'audit.view')).toBe(false);
  });

  it('an edited role takes effect at once, is audited with before and after, and the owner stays all-powerful', async () => {
    const billing = await staff('billing@shop.test', 'billing');
    expect(await staffHas(db, billing, 'audit.view')).toBe(false);
    const res = await updateRolePermissions(db, { role: 'billing', permissions: ['billing.view', 'audit.view'], actor: owner });
    expect(res.changed).toBe(true);
    expect(await staffHas(db, billing, 'audit.view')).toBe(true);
    expect(await staffHas(db, billing, 'billing.manage')).toBe(false);
    expect((await updateRolePermissions(db, { role: 'billing', permissions: ['audit.view', 'billing.view'], actor: owner })).changed).toBe(false);
    const [row] = await auditFor('staff.role_permissions_changed');
    expect(row!.before).toEqual({ permissions: [...DEFAULT_ROLE_PERMISSIONS.billing] });
    expect(row!.after).toEqual({ permissions: ['billing.view', 'audit.view'] });
    expect(await getRolePermissions(db, 'owner')).toEqual([...PERMISSIONS]);
  });
});

describe('staff changes', () => {
  it('never demotes or disables the last active owner, and nobody changes themselves', async () => {
    const admin = await staff('admin@shop.test', 'administrator');
    const adminActor: StaffChangeActor = { type: 'staff', id: admin.id, label: admin.email, role: 'administrator' };
    await expect(changeStaffRole(db, { staffId: owner.id, role: 'billing', actor: owner })).rejects.toThrow(/your own/);
    await expect(changeStaffRole(db, { staffId: owner.id, role: 'billing', actor: adminActor })).rejects.toThrow(/Only an owner/);
    // Even with another owner acting, the last active one stays: make a second owner, disable it, then try.
    const second = await staff('second@shop.test', 'owner');
    const secondActor: StaffChangeActor = { type: 'staff', id: second.id, label: second.email, role: 'owner' };
    await setStaffStatus(db, { staffId: second.id, status: 'disabled', actor: owner });
    await expect(changeStaffRole(db, { staffId: owner.id, role: 'support', actor: secondActor })).rejects.toThrow(/last active owner/);
    await expect(setStaffStatus(db, { staffId: owner.id, status: 'disabled', actor: secondActor })).rejects.toThrow(/last active owner/);
    const [me] = await db.select().from(staffUsers).where(eq(staffUsers.id, owner.id));
    expect(me).toMatchObject({ role: 'owner', status: 'active' });
    // With two active owners, one may be demoted.
    await setStaffStatus(db, { staffId: second.id, status: 'active', actor: owner });
    await changeStaffRole(db, { staffId: second.id, role: 'support', actor: owner });
    const [audit] = (await auditFor('staff.role_changed')).filter((a) => a.targetId === String(second.id));
    expect(audit).toMatchObject({ before: { role: 'owner' }, after: { role: 'support' }, actorId: owner.id });
  });

  it('disabling ends the member’s sessions; a single session can be revoked, audited', async () => {
    const member = await staff('support@shop.test', 'support');
    await createSession(db, { principalType: 'staff', principalId: member.id });
    await createSession(db, { principalType: 'staff', principalId: member.id });
    const live = await listActiveSessions(db, 'staff', member.id);
    expect(live).toHaveLength(2);
    const a = live[0]!;
    await revokeStaffSession(db, { staffId: member.id, sessionId: a.id, actor: owner });
    expect(await listActiveSessions(db, 'staff', member.id)).toHaveLength(1);
    await expect(revokeStaffSession(db, { staffId: member.id, sessionId: a.id, actor: owner })).rejects.toThrow(/already signed out/);
    expect((await auditFor('staff.session_revoked'))[0]).toMatchObject({ before: { active: true }, after: { active: false } });
    await setStaffStatus(db, { staffId: member.id, status: 'disabled', actor: owner });
    expect(await listActiveSessions(db, 'staff', member.id)).toHaveLength(0);
    expect((await auditFor('staff.disabled')).at(-1)).toMatchObject({ before: { status: 'active' }, after: { status: 'disabled', sessionsRevoked: 1 } });
  });
});

describe('invitations', () => {
  it('creates the staff user with the invited role once, then refuses the link', async () => {
    await inviteStaff(db, { storefrontId, input: { email: 'New.Hire@Shop.test', name: 'New Hire', role: 'billing' }, actor: owner });
    expect((await listPendingInvites(db)).map((i) => i.email)).toContain('new.hire@shop.test');
    const token = await inviteToken('new.hire@shop.test');
    const [stored] = await db.select().from(staffInvites).where(eq(staffInvites.email, 'new.hire@shop.test'));
    expect(stored!.tokenHash).toBe(hashToken(token));
    await expect(acceptStaffInvite(db, { input: { token, name: 'Nina Hire', password: 'password123' } })).rejects.toThrow();

    const created = await acceptStaffInvite(db, { input: { token, name: 'Nina Hire', password: PASSWORD } });
    const [user] = await db.select().from(staffUsers).where(eq(staffUsers.id, created.staffId));
    expect(user).toMatchObject({ email: 'new.hire@shop.test', name: 'Nina Hire', role: 'billing', status: 'active' });
    await expect(acceptStaffInvite(db, { input: { token, name: 'Again', password: PASSWORD } })).rejects.toThrow(/already used/);
    expect((await findStaffInvite(db, token)).status).toBe('used');
    expect(await auditFor('staff.invited')).toHaveLength(1);
    expect((await auditFor('staff.invite_accepted'))[0]).toMatchObject({ actorId: created.staffId, before: { acceptedAt: null } });
  });

  it('refuses expired and revoked invitations clearly', async () => {
    const past = new Date(Date.now() - 8 * 24 * 3_600_000);
    await inviteStaff(db, { storefrontId, input: { email: 'late@shop.test', name: 'Late', role: 'support' }, actor: owner, now: past });
    const late = await inviteToken('late@shop.test');
    expect((await findStaffInvite(db, late)).status).toBe('expired');
    await expect(acceptStaffInvite(db, { input: { token: late, name: 'Late', password: PASSWORD } })).rejects.toThrow(/expired/);

    const { inviteId } = await inviteStaff(db, { storefrontId, input: { email: 'gone@shop.test', name: 'Gone', role: 'support' }, actor: owner });
    const gone = await inviteToken('gone@shop.test');
    await revokeStaffInvite(db, { inviteId, actor: owner });
    await expect(revokeStaffInvite(db, { inviteId, actor: owner })).rejects.toThrow(/already accepted or revoked/);
    await expect(acceptStaffInvite(db, { input: { token: gone, name: 'Gone', password: PASSWORD } })).rejects.toThrow(/withdrawn/);
    expect(await db.select().from(staffUsers).where(and(eq(staffUsers.email, 'gone@shop.test')))).toHaveLength(0);
    expect(await auditFor('staff.invite_revoked')).toHaveLength(1);
  });

  it('only an owner invites an owner, and existing staff cannot be invited', async () => {
    const admin: StaffChangeActor = { type: 'staff', id: 999, label: 'a@shop.test', role: 'administrator' };
    await expect(inviteStaff(db, { storefrontId, input: { email: 'boss@shop.test', name: 'Boss', role: 'owner' }, actor: admin })).rejects.toThrow(/Only an owner/);
    await expect(inviteStaff(db, { storefrontId, input: { email: 'owner@shop.test', name: 'Dup', role: 'support' }, actor: owner })).rejects.toThrow(/already a staff member/);
  });
});
