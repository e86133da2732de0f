import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { decryptSecret } from '@/lib/security/secret-box';
import { mfaTotp } from '@/db/schema/storefront';
import { findTotp, matchTotpStep, type MfaPrincipal } from './totp';

/**
 * Checks a (format-checked) code against a principal's confirmed authenticator and uses up its time step:
 * the guarded UPDATE lets exactly one request use a given step, so a seen or intercepted code cannot be
 * replayed, even by two requests at once.
 */
export async function verifyTotpCode(db: SfDb, opts: { principal: MfaPrincipal; code: string; now?: Date }): Promise<boolean> {
  const row = await findTotp(db, opts.principal);
  if (!row?.confirmedAt) return false;
  const step = await matchTotpStep(decryptSecret(row.secretEncrypted), opts.code, opts.now ?? new Date());
  if (step === null) return false;
  const [res] = await db
    .update(mfaTotp)
    .set({ lastUsedStep: step })
    .where(and(eq(mfaTotp.id, row.id), isNotNull(mfaTotp.confirmedAt), or(isNull(mfaTotp.lastUsedStep), lt(mfaTotp.lastUsedStep, step))));
  return res.affectedRows === 1;
}
