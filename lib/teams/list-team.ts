import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { customers, teamInvites, teamMembers } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { normaliseTeamPermissions, type TeamPermission } from './permissions';

export interface TeamMemberRow {
  memberId: number;
  email: string;
  name: string;
  permissions: TeamPermission[];
  since: Date;
}

export async function listTeamMembers(db: SfDb, ownerId: number): Promise<TeamMemberRow[]> {
  const rows = await db
    .select({ memberId: teamMembers.memberId, email: customers.email, name: customers.name, permissions: teamMembers.permissions, since: teamMembers.createdAt })
    .from(teamMembers)
    .innerJoin(customers, eq(customers.id, teamMembers.memberId))
    .where(eq(teamMembers.ownerId, ownerId))
    .orderBy(asc(customers.email));
  return rows.map((r) => ({ ...r, permissions: normaliseTeamPermissions(r.permissions) }));
}

export async function listPendingTeamInvites(db: SfDb, ownerId: number, now = new Date()) {
  return db
    .select({ id: teamInvites.id, email: teamInvites.email, permissions: teamInvites.permissions, expiresAt: teamInvites.expiresAt })
    .from(teamInvites)
    .where(and(eq(teamInvites.ownerId, ownerId), isNull(teamInvites.acceptedAt), eq(teamInvites.revoked, false), gt(teamInvites.expiresAt, now)))
    .orderBy(asc(teamInvites.email));
}

/** Accounts the person may switch to, with what they may do there (only active owners). */
export async function listAccountsOfMember(db: SfDb, memberId: number): Promise<{ ownerId: number; label: string; email: string; permissions: TeamPermission[] }[]> {
  const rows = await db
    .select({ ownerId: customers.id, name: customers.name, company: customers.company, email: customers.email, permissions: teamMembers.permissions })
    .from(teamMembers)
    .innerJoin(customers, eq(customers.id, teamMembers.ownerId))
    .where(and(eq(teamMembers.memberId, memberId), eq(customers.status, 'active')))
    .orderBy(asc(customers.name));
  return rows.map((r) => ({ ownerId: r.ownerId, label: r.company ?? r.name, email: r.email, permissions: normaliseTeamPermissions(r.permissions) }));
}

/** The membership that lets `memberId` act on `ownerId`'s account, or null. */
export async function findMembership(db: SfDb, ownerId: number, memberId: number): Promise<TeamPermission[] | null> {
  const [row] = await db
    .select({ permissions: teamMembers.permissions })
    .from(teamMembers)
    .innerJoin(customers, eq(customers.id, teamMembers.ownerId))
    .where(and(eq(teamMembers.ownerId, ownerId), eq(teamMembers.memberId, memberId), eq(customers.status, 'active')));
  return row ? normaliseTeamPermissions(row.permissions) : null;
}
