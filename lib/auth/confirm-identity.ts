import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { mfaSessionLimit } from '@/lib/mfa/attempt-limit';
import { totpCodeSchema } from '@/lib/mfa/schemas';
import { verifyTotpCode } from '@/lib/mfa/verify-totp-code';
import { rateLimitedError, refundAttempt, reserveAttempt } from '@/lib/security/rate-limit';
import { customers, staffUsers, type Session } from '@/db/schema/storefront';
import { verifyPassword } from './password';
import { markReauthenticated } from './recent-authentication';

const confirmSchema = z.union(
  [
    z.object({ code: totpCodeSchema }),
    z.object({ code: z.literal('').optional(), password: z.string().min(1).max(200) }),
  ],
  { error: 'Enter your password or a code from your authenticator app.' },
);

async function passwordHashOf(db: StorefrontDb, p: { type: Session['principalType']; id: number }): Promise<string | null> {
  const table = p.type === 'staff' ? staffUsers : customers;
  const [row] = await db.select({ passwordHash: table.passwordHash }).from(table).where(eq(table.id, p.id)).limit(1);
  return row?.passwordHash ?? null;
}

/**
 * The "confirm it's you" step: the password or a current authenticator code proves the person is still at the
 * keyboard, and opens the security changes for the next few minutes. Wrong answers count against the session's
 * second-factor attempts, so a session cannot be used to guess the password or a code.
 */
export async function confirmIdentity(
  db: StorefrontDb,
  opts: {
    principal: { type: Session['principalType']; id: number };
    storefrontId: number;
    sessionId: number;
    /** The session's token hash: keys its second-factor attempt counter. */
    sessionKey: string;
    input: { password?: unknown; code?: unknown };
    actor: AuditActor;
    /** The authenticator's clock, for tests; the session's timestamp is always the real time. */
    now?: Date;
  },
): Promise<{ method: 'password' | 'totp' }> {
  const parsed = confirmSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]!.message);
  const { principal } = opts;
  // Reserved before the proof is checked, kept on failure, handed back on success (lib/security/rate-limit.ts).
  const perSession = mfaSessionLimit(opts.storefrontId, opts.sessionKey);
  const reserved = await reserveAttempt([perSession]);
  if (!reserved.allowed) throw rateLimitedError(reserved.refused);

  const proof = parsed.data;
  const method = 'password' in proof ? 'password' : 'totp';
  let proven: boolean;
  if ('password' in proof) {
    const hash = await passwordHashOf(db, principal);
    proven = hash !== null && (await verifyPassword(proof.password, hash));
  } else {
    proven = await verifyTotpCode(db, { principal, code: proof.code, now: opts.now });
  }
  if (!proven) {
    await recordAudit(db, { actor: opts.actor, action: 'auth.reauthentication_failed', target: principal, after: { method } });
    throw new AppError('unauthorized', method === 'password' ? 'That password is not correct.' : 'That code is not valid.');
  }
  await refundAttempt([perSession]);
  if (!(await markReauthenticated(db, opts.sessionId))) throw new AppError('unauthorized', 'Your session has ended. Sign in again.');
  await recordAudit(db, { actor: opts.actor, action: 'auth.reauthenticated', target: principal, after: { method } });
  return { method };
}
