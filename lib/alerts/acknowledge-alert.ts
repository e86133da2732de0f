import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { adminAlerts, staffUsers } from '@/db/schema/storefront';

const acknowledgeSchema = z.object({
  alertId: z.number().int().positive(),
  staffId: z.number().int().positive(),
});

export interface AcknowledgeAlertOptions {
  alertId: number;
  staffId: number;
  /** Request details (ip, user agent) for the audit row; type and id are always the staff member's. */
  actor?: Omit<AuditActor, 'type' | 'id'>;
}

/**
 * Marks an alert acknowledged by a staff member, once: the update only matches an unacknowledged row, so two
 * people clicking at once produce one acknowledgement and one audit row.
 */
export async function acknowledgeAlert(db: SfDb, opts: AcknowledgeAlertOptions): Promise<'acknowledged' | 'already_acknowledged'> {
  const { alertId, staffId } = acknowledgeSchema.parse(opts);
  return db.transaction(async (tx) => {
    const [staff] = await tx.select({ id: staffUsers.id, email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, staffId)).limit(1);
    if (!staff) throw new AppError('not_found', `Staff user ${staffId} does not exist.`);
    const [res] = await tx
      .update(adminAlerts)
      .set({ acknowledgedAt: sql`CURRENT_TIMESTAMP(3)`, acknowledgedBy: staffId })
      .where(and(eq(adminAlerts.id, alertId), isNull(adminAlerts.acknowledgedAt)));
    if (res.affectedRows === 0) {
      const [alert] = await tx.select({ id: adminAlerts.id }).from(adminAlerts).where(eq(adminAlerts.id, alertId)).limit(1);
      if (!alert) throw new AppError('not_found', `Alert ${alertId} does not exist.`);
      return 'already_acknowledged';
    }
    await recordAudit(tx, {
      actor: { ...opts.actor, type: 'staff', id: staffId, label: opts.actor?.label ?? staff.email },
      action: 'alert.acknowledged',
      target: { type: 'admin_alert', id: alertId },
      after: { acknowledgedBy: staffId },
    });
    return 'acknowledged';
  });
}
