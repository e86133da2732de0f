import { and, eq, ne } from 'drizzle-orm';
import type { StorefrontDb } from '@/lib/db/connection';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { areaUrl } from '@/lib/tenancy/area-url';
import { customers, sessions, staffUsers } from '@/db/schema/storefront';
import { describeDevice } from './list-sessions';
import type { PrincipalType } from './sessions';

/**
 * Mails the account holder when a sign-in comes from a browser (user agent) that none of their earlier
 * sessions used. The very first sign-in of an account is not "new", so registration does not trigger it.
 */
export async function noticeNewDevice(
  db: StorefrontDb,
  opts: { storefrontId: number; principalType: PrincipalType; principalId: number; sessionId: number; ip: string | null; userAgent: string | null },
): Promise<boolean> {
  const earlier = await db
    .select({ userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.principalType, opts.principalType), eq(sessions.principalId, opts.principalId), ne(sessions.id, opts.sessionId), eq(sessions.mfaPending, false)))
    .limit(500);
  if (earlier.length === 0 || earlier.some((s) => s.userAgent === opts.userAgent)) return false;

  const table = opts.principalType === 'staff' ? staffUsers : customers;
  const [who] = await db.select({ email: table.email, name: table.name }).from(table).where(eq(table.id, opts.principalId)).limit(1);
  if (!who) return false;
  const sessionsUrl = await areaUrl(opts.storefrontId, opts.principalType === 'staff' ? 'admin' : 'account', opts.principalType === 'staff' ? '/' : '/sessions');
  const mail = await queueEmail(db, {
    to: who.email,
    template: 'new-device-sign-in',
    props: {
      name: who.name,
      device: describeDevice(opts.userAgent),
      ip: opts.ip ?? 'unknown',
      at: `${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
      sessionsUrl,
    },
    dedupeKey: `new-device:${opts.principalType}:${opts.sessionId}`,
  });
  if (mail.created) await dispatchEmail(opts.storefrontId, mail.id);
  return mail.created;
}
