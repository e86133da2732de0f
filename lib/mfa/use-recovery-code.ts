import { and, eq, isNull, sql } from 'drizzle-orm';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { mfaRecoveryCodes } from '@/db/schema/storefront';
import { countUnusedRecoveryCodes, hashRecoveryCode } from './recovery-codes';
import type { MfaPrincipal } from './totp';

/**
 * Uses a (format-checked) recovery code. The guarded UPDATE … WHERE used_at IS NULL lets exactly one request
 * succeed per code, however many race with it.
 */
export async function useRecoveryCode(db: StorefrontDb, opts: { principal: MfaPrincipal; code: string; actor: AuditActor }): Promise<boolean> {
  const p = opts.principal;
  return db.transaction(async (tx) => {
    const [res] = await tx
      .update(mfaRecoveryCodes)
      .set({ usedAt: sql`CURRENT_TIMESTAMP(3)` })
      .where(
        and(
          eq(mfaRecoveryCodes.principalType, p.type),
          eq(mfaRecoveryCodes.principalId, p.id),
          eq(mfaRecoveryCodes.codeHash, hashRecoveryCode(opts.code)),
          isNull(mfaRecoveryCodes.usedAt),
        ),
      );
    if (res.affectedRows !== 1) return false;
    const remaining = await countUnusedRecoveryCodes(tx, p);
    await recordAudit(tx, { actor: opts.actor, action: 'mfa.recovery_code_used', target: { type: p.type, id: p.id }, after: { remaining } });
    return true;
  });
}
