import { eq } from 'drizzle-orm';
import { generateSecret, generateURI } from 'otplib';
import QRCode from 'qrcode';
import type { StorefrontDb } from '@/lib/db/connection';
import { requireRecentAuthentication } from '@/lib/auth/recent-authentication';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { encryptSecret } from '@/lib/security/secret-box';
import { mfaTotp } from '@/db/schema/storefront';
import { findTotp, TOTP_PERIOD_SECONDS, type MfaPrincipal } from './totp';

export interface TotpEnrolment {
  otpauthUri: string;
  /** A PNG data URL of the otpauth URI, for an <img>. */
  qrDataUrl: string;
  /** The Base32 secret, grouped in fours for typing into an app by hand. */
  manualKey: string;
}

/**
 * Starts (or restarts) TOTP enrolment: a new secret, stored encrypted and unconfirmed until a code from the
 * app proves it was set up. Refused when TOTP is already confirmed, so a session cannot silently swap it, and
 * unless the session proved a factor within the last few minutes.
 */
export async function startTotpEnrolment(
  db: StorefrontDb,
  opts: { principal: MfaPrincipal; sessionId: number; accountLabel: string; issuer: string },
): Promise<TotpEnrolment> {
  await requireRecentAuthentication(db, { sessionId: opts.sessionId, principal: opts.principal });
  const secret = generateSecret();
  const secretEncrypted = encryptSecret(secret);
  try {
    await db.transaction(async (tx) => {
      const existing = await findTotp(tx, opts.principal, { forUpdate: true });
      if (existing?.confirmedAt) throw new AppError('conflict', 'Two-factor authentication is already set up.');
      if (existing) await tx.update(mfaTotp).set({ secretEncrypted, lastUsedStep: null }).where(eq(mfaTotp.id, existing.id));
      else await tx.insert(mfaTotp).values({ principalType: opts.principal.type, principalId: opts.principal.id, secretEncrypted });
    });
  } catch (err) {
    // Two starts raced and both inserted: the other one won; starting again replaces its secret.
    if (isDuplicateKeyError(err)) throw new AppError('conflict', 'Setup was started twice at once. Try again.');
    throw err;
  }
  const otpauthUri = generateURI({ issuer: opts.issuer, label: opts.accountLabel, secret, period: TOTP_PERIOD_SECONDS });
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
  return { otpauthUri, qrDataUrl, manualKey: secret.replace(/(.{4})(?=.)/g, '$1 ') };
}
