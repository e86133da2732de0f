import { and, asc, eq } from 'drizzle-orm';
import { auditLog, paymentDisputes, paymentTransactions } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { listDisputes, type DisputeListRow } from './list-disputes';

export const DISPUTE_ID = /^dsp_[a-z0-9]{1,40}$/;

export interface DisputeDetail extends DisputeListRow {
  /** The chargeback transaction a lost dispute recorded. */
  reversalPublicId: string | null;
  history: { at: Date; action: string; actor: string | null; after: Record<string, unknown> | null }[];
}

/** One dispute of this storefront by its public id, with what happened to it; null if there is none. */
export async function findDispute(db: SfDb, publicId: string): Promise<DisputeDetail | null> {
  if (!DISPUTE_ID.test(publicId)) return null;
  const [row] = await listDisputes(db, { publicId, limit: 1 });
  if (!row) return null;
  const [reversal] = await db
    .select({ publicId: paymentTransactions.publicId })
    .from(paymentDisputes)
    .innerJoin(paymentTransactions, eq(paymentTransactions.id, paymentDisputes.reversalTransactionId))
    .where(eq(paymentDisputes.id, row.id));
  const history = await db
    .select({ at: auditLog.createdAt, action: auditLog.action, actor: auditLog.actorLabel, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'dispute'), eq(auditLog.targetId, publicId)))
    .orderBy(asc(auditLog.id));
  return { ...row, reversalPublicId: reversal?.publicId ?? null, history: history.map((h) => ({ ...h, after: (h.after as Record<string, unknown> | null) ?? null })) };
}
