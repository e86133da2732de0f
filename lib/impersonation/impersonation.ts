import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import { consumeOneTimeToken, issueOneTimeToken } from '@/lib/auth/one-time-tokens';
import { createSession } from '@/lib/auth/sessions';
import { recordAudit } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { getRolePermissions } from '@/lib/staff/permissions';
import { areaUrl } from '@/lib/tenancy/area-url';
import { customers, sessions, staffUsers } from '@/db/schema/storefront';

export const impersonationReasonSchema = z.string().trim().min(10, 'must say why, in at least 10 characters').max(500, 'must be at most 500 characters');

const handoffDetail = z.object({ staffId: z.number().int().positive(), reason: impersonationReasonSchema });

/** Locks the staff row (as disabling does), so a session opened here can't slip past a disable committing meanwhile. */
async function staffWhoMayImpersonate(db: SfDb, staffId: number) {
  const [staff] = await db.select().from(staffUsers).where(eq(staffUsers.id, staffId)).limit(1).for('update');
  if (!staff || staff.status !== 'active') throw new AppError('forbidden', 'This staff account is not active.');
  if (!(await getRolePermissions(db, staff.role)).includes('customers.impersonate')) {
    throw new AppError('forbidden', "You don't have permission to sign in as customers.");
  }
  return staff;
}

/**
 * Step 1, on the admin host: a one-minute, single-use hand-off link to the account host, carrying who is
 * signing in as whom and why. Cookies are per host, so the customer session can only be set over there.
 */
export async function startImpersonation(db: StorefrontDb, opts: { storefrontId: number; staffId: number; customerId: number; reason: string }): Promise<string> {
  const reason = impersonationReasonSchema.parse(opts.reason);
  await staffWhoMayImpersonate(db, opts.staffId);
  const [customer] = await db.select().from(customers).where(eq(customers.id, opts.customerId)).limit(1);
  if (!customer || customer.status !== 'active') throw new AppError('not_found', 'That customer does not exist or is closed.');
  const token = await issueOneTimeToken(db, {
    purpose: 'impersonate',
    principalType: 'customer',
    principalId: customer.id,
    detail: JSON.stringify({ staffId: opts.staffId, reason }),
  });
  return areaUrl(opts.storefrontId, 'account', `/impersonate?token=${token}`);
}

/** Step 2, on the account host: turns the hand-off into a customer session marked as impersonated; audited. */
export async function completeImpersonation(
  db: StorefrontDb,
  opts: { token: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    const handoff = await consumeOneTimeToken(tx, 'impersonate', opts.token);
    const detail = handoff?.detail ? handoffDetail.safeParse(JSON.parse(handoff.detail)) : null;
    if (!handoff || !detail?.success) throw new AppError('bad_request', 'This sign-in link is invalid or expired. Start again from the admin panel.');
    const staff = await staffWhoMayImpersonate(tx, detail.data.staffId);
    const session = await createSession(tx, {
      principalType: 'customer',
      principalId: handoff.principalId,
      impersonation: { staffId: staff.id, reason: detail.data.reason },
      ip: opts.ip,
      userAgent: opts.userAgent,
    });
    await recordAudit(tx, {
      actor: { type: 'staff', id: staff.id, label: staff.email, ip: opts.ip, userAgent: opts.userAgent },
      action: 'impersonation.started',
      target: { type: 'customer', id: handoff.principalId },
      after: { reason: detail.data.reason },
    });
    return session;
  });
}

/** Ends an impersonated session (the banner's button), audited. */
export async function endImpersonation(db: StorefrontDb, opts: { sessionId: number; ip: string | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const [s] = await tx.select().from(sessions).where(eq(sessions.id, opts.sessionId)).limit(1);
    if (!s?.impersonatorStaffId) throw new AppError('bad_request', 'This is not an impersonated session.');
    const [res] = await tx
      .update(sessions)
      .set({ revokedAt: sql`CURRENT_TIMESTAMP(3)` })
      .where(and(eq(sessions.id, s.id), isNull(sessions.revokedAt)));
    if (res.affectedRows === 0) return;
    await recordAudit(tx, {
      actor: { type: 'staff', id: s.impersonatorStaffId, ip: opts.ip },
      action: 'impersonation.ended',
      target: { type: 'customer', id: s.principalId },
    });
  });
}
