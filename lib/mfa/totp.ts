import { and, eq } from 'drizzle-orm';
import { verify } from 'otplib';
import type { SfDb } from '@/lib/db/connection';
import type { PrincipalType } from '@/lib/auth/sessions';
import { AppError } from '@/lib/errors/app-error';
import { mfaTotp, type MfaTotp } from '@/db/schema/storefront';

export const TOTP_PERIOD_SECONDS = 30;

export interface MfaPrincipal {
  type: PrincipalType;
  id: number;
}

export async function findTotp(db: SfDb, p: MfaPrincipal, opts: { forUpdate?: boolean } = {}): Promise<MfaTotp | null> {
  const q = db
    .select()
    .from(mfaTotp)
    .where(and(eq(mfaTotp.principalType, p.type), eq(mfaTotp.principalId, p.id)))
    .limit(1);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function hasConfirmedTotp(db: SfDb, p: MfaPrincipal): Promise<boolean> {
  return Boolean((await findTotp(db, p))?.confirmedAt);
}

/**
 * The RFC 6238 time step a code belongs to, allowing one step of clock drift either way, or null.
 * The caller records the step so the same code cannot be used twice.
 */
export async function matchTotpStep(secret: string, code: string, now: Date): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_PERIOD_SECONDS,
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

export function requireCustomerPrincipal(p: MfaPrincipal, what: string): void {
  // Staff must keep two-factor authentication; only customers may turn it off.
  if (p.type !== 'customer') throw new AppError('forbidden', `Staff accounts cannot ${what}.`);
}
