import { and, asc, eq, sql } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { auditLog, mfaTotp, staffUsers } from '@/db/schema/storefront';

// mysql2 returns a Date for a raw DATETIME expression (timezone Z); a string only if dateStrings were ever turned on.
function toDate(v: Date | string | null): Date | null {
  if (v === null || v instanceof Date) return v;
  return new Date(`${v.replace(' ', 'T')}Z`);
}

/** Every staff member with whether they have a confirmed authenticator and when they last signed in. */
export async function listStaff(db: SfDb) {
  const rows = await db
    .select({
      id: staffUsers.id,
      email: staffUsers.email,
      name: staffUsers.name,
      role: staffUsers.role,
      status: staffUsers.status,
      totpConfirmedAt: mfaTotp.confirmedAt,
      // Sign-ins are audited against the principal (target type "staff"), so the log is the source of truth.
      lastSignInAt: sql<Date | string | null>`(SELECT MAX(${auditLog.createdAt}) FROM ${auditLog} WHERE ${auditLog.action} = 'auth.signed_in' AND ${auditLog.targetType} = 'staff' AND ${auditLog.targetId} = CAST(${staffUsers.id} AS CHAR))`,
    })
    .from(staffUsers)
    .leftJoin(mfaTotp, and(eq(mfaTotp.principalType, 'staff'), eq(mfaTotp.principalId, staffUsers.id)))
    .orderBy(asc(staffUsers.name), asc(staffUsers.id));
  return rows.map(({ totpConfirmedAt, lastSignInAt, ...r }) => ({
    ...r,
    twoFactorEnrolled: totpConfirmedAt !== null,
    lastSignInAt: toDate(lastSignInAt),
  }));
}

export type StaffListEntry = Awaited<ReturnType<typeof listStaff>>[number];

export async function getStaffMember(db: SfDb, staffId: number) {
  const [row] = await db
    .select({ id: staffUsers.id, email: staffUsers.email, name: staffUsers.name, role: staffUsers.role, status: staffUsers.status })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId))
    .limit(1);
  return row ?? null;
}
