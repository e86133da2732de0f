import { and, eq } from 'drizzle-orm';
import type { CentralHandle } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { resellers, type Reseller, type ResellerStatus } from '@/db/schema/central';

// Every move a reseller's status may make. Provisioning ends active or failed; a retry takes a failed reseller back
// to provisioning; suspension (non-payment, abuse) is lifted back to active.
export const RESELLER_TRANSITIONS: Record<ResellerStatus, readonly ResellerStatus[]> = {
  provisioning: ['active', 'failed'],
  failed: ['provisioning'],
  active: ['suspended'],
  suspended: ['active'],
};

export function canMoveReseller(from: ResellerStatus, to: ResellerStatus): boolean {
  return RESELLER_TRANSITIONS[from].includes(to);
}

/**
 * Moves a reseller from one status to another with a guarded UPDATE … WHERE status = from; returns whether this call
 * made the move (false: it was not in `from` any more, e.g. another process got there first).
 */
export async function moveReseller(
  db: CentralHandle,
  resellerId: number,
  from: ResellerStatus,
  to: ResellerStatus,
  changes: Partial<Pick<Reseller, 'suspensionReason' | 'suspendedAt' | 'activatedAt'>> = {},
): Promise<boolean> {
  if (!canMoveReseller(from, to)) throw new AppError('conflict', `A reseller cannot go from ${from} to ${to}.`);
  const [res] = await db
    .update(resellers)
    .set({ status: to, ...changes })
    .where(and(eq(resellers.id, resellerId), eq(resellers.status, from)));
  return res.affectedRows === 1;
}
