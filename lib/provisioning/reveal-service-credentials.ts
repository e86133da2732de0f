import { eq } from 'drizzle-orm';
import { customers, services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { verifyPassword } from '@/lib/auth/password';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { hasConfirmedTotp } from '@/lib/mfa/totp';
import { verifyTotpCode } from '@/lib/mfa/verify-totp-code';
import { consumeRateLimit, RATE_LIMITS } from '@/lib/security/rate-limit';
import { decryptSecret } from '@/lib/security/secret-box';

/**
 * The service's generated login, only after the person proves it is them again — with their password, or a code
 * from their authenticator app if they have one — never in an email or a log. Audited.
 */
export async function revealServiceCredentials(
  db: SfDb,
  opts: { storefrontId: number; serviceId: number; personId: number; password: string; actor: AuditActor },
): Promise<{ username: string; password: string }> {
  const limit = await consumeRateLimit({ rule: RATE_LIMITS.revealCredentialsPerPerson, storefrontId: opts.storefrontId, subject: String(opts.personId) });
  if (!limit.allowed) throw new AppError('rate_limited', 'Too many attempts; try again later.');
  const proof = opts.password.trim();
  const principal = { type: 'customer' as const, id: opts.personId };
  const byCode = /^\d{6}$/.test(proof) && (await hasConfirmedTotp(db, principal)) && (await verifyTotpCode(db, { principal, code: proof }));
  if (!byCode) {
    const [person] = await db.select({ hash: customers.passwordHash }).from(customers).where(eq(customers.id, opts.personId));
    if (!person?.hash || !(await verifyPassword(opts.password, person.hash))) throw new AppError('forbidden', 'That password or code is not right.');
  }
  const [svc] = await db.select({ publicId: services.publicId, credentials: services.credentials }).from(services).where(eq(services.id, opts.serviceId));
  if (!svc?.credentials) throw new AppError('not_found', 'This service has no stored login.');
  await recordAudit(db, { actor: opts.actor, action: 'service.credentials_viewed', target: { type: 'service', id: svc.publicId }, after: { confirmedWith: byCode ? 'authenticator' : 'password' } });
  return JSON.parse(decryptSecret(svc.credentials)) as { username: string; password: string };
}
