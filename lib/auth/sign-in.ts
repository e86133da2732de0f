import { eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { customers, staffUsers } from '@/db/schema/storefront';
import { recordAudit } from '@/lib/audit/record-audit';
import { dummyPasswordHash, verifyPassword } from './password';
import { signInSchema } from './schemas';
import { createSession, type PrincipalType } from './sessions';

export type SignInResult = { ok: true; token: string; expiresAt: Date } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

const GENERIC_FAILURE = 'Email or password is incorrect.';

async function findPrincipal(db: SfDb, type: PrincipalType, email: string) {
  if (type === 'staff') {
    const [s] = await db.select().from(staffUsers).where(eq(staffUsers.email, email)).limit(1);
    return s ? { id: s.id, passwordHash: s.passwordHash, active: s.status === 'active' } : null;
  }
  const [c] = await db.select().from(customers).where(eq(customers.email, email)).limit(1);
  return c ? { id: c.id, passwordHash: c.passwordHash, active: c.status === 'active' } : null;
}

/**
 * Password sign-in for one area's principals. Every failure gives the same message and costs one hash
 * comparison, so responses do not reveal which emails have accounts.
 */
export async function signInWithPassword(
  db: SfDb,
  opts: { principalType: PrincipalType; input: unknown; ip?: string | null; userAgent?: string | null },
): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(opts.input);
  if (!parsed.success) {
    return { ok: false, message: 'Check the highlighted fields.', fieldErrors: parsedFieldErrors(parsed.error.issues) };
  }
  const { email, password } = parsed.data;
  const principal = await findPrincipal(db, opts.principalType, email);
  const valid = await verifyPassword(password, principal?.passwordHash ?? (await dummyPasswordHash()));
  const actor = { type: opts.principalType, id: principal?.id ?? null, label: email, ip: opts.ip, userAgent: opts.userAgent } as const;
  if (!principal || !valid || !principal.active) {
    await recordAudit(db, { actor, action: 'auth.sign_in_failed', target: { type: opts.principalType, id: principal?.id ?? email } });
    return { ok: false, message: GENERIC_FAILURE };
  }
  const session = await createSession(db, { principalType: opts.principalType, principalId: principal.id, ip: opts.ip, userAgent: opts.userAgent });
  await recordAudit(db, { actor, action: 'auth.signed_in', target: { type: opts.principalType, id: principal.id } });
  return { ok: true, ...session };
}

function parsedFieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of issues) {
    const key = String(i.path[0] ?? 'form');
    (out[key] ??= []).push(i.message);
  }
  return out;
}
