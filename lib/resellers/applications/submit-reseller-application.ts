import { and, eq } from 'drizzle-orm';
import type { CentralDb } from '@/lib/db/connection';
import { dispatchAlert, raiseAlert } from '@/lib/alerts/raise-alert';
import { AppError } from '@/lib/errors/app-error';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { publicId } from '@/lib/ids/public-id';
import { RATE_LIMITS, rateLimitedError, reserveAttempt } from '@/lib/security/rate-limit';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { resellerApplications } from '@/db/schema/central';
import { getPlatformStorefrontOrThrow } from '../platform-storefront';
import { resellerApplicationSchema } from '../schemas';

export type SubmitOutcome = 'received' | 'already_pending' | 'discarded';

/**
 * Records a "Become a reseller" application from the platform's marketing site and tells platform staff (an info
 * alert). Rate limited per IP and per email (points taken before anything is checked); bad input is a 400 with
 * field errors. `trap` is the form's hidden field: a bot that fills it is told "received" and nothing is stored. A
 * second application from an address whose first is still pending is not stored twice.
 */
export async function submitResellerApplication(
  central: CentralDb,
  opts: { input: Record<string, unknown>; trap?: string | null; ip: string | null },
): Promise<SubmitOutcome> {
  const platform = await getPlatformStorefrontOrThrow(central);
  const email = typeof opts.input.email === 'string' ? opts.input.email.trim().toLowerCase().slice(0, 254) : '';
  const reservation = await reserveAttempt([
    opts.ip ? { rule: RATE_LIMITS.resellerApplicationPerIp, storefrontId: platform.id, subject: opts.ip } : null,
    email ? { rule: RATE_LIMITS.resellerApplicationPerEmail, storefrontId: platform.id, subject: email } : null,
  ]);
  if (!reservation.allowed) throw rateLimitedError(reservation.refused);
  if (opts.trap) return 'discarded';
  const parsed = resellerApplicationSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const data = parsed.data;
  const [pending] = await central
    .select({ id: resellerApplications.id })
    .from(resellerApplications)
    .where(and(eq(resellerApplications.email, data.email), eq(resellerApplications.status, 'pending')))
    .limit(1);
  if (pending) return 'already_pending';
  const appId = publicId('rapp');
  await central.insert(resellerApplications).values({
    publicId: appId,
    name: data.name,
    company: data.company,
    email: data.email,
    website: data.website ?? null,
    message: data.message,
    ip: opts.ip?.slice(0, 45) ?? null,
  });
  const platformDb = openStorefrontDb(platform);
  const alert = await raiseAlert(platformDb, {
    severity: 'info',
    category: 'resellers',
    title: `Reseller application from ${data.company}`,
    body: `${data.name} <${data.email}> applied to become a reseller. Review it under Resellers → Applications.`,
    dedupeKey: `reseller-application:${appId}`,
  });
  if (alert.created && alert.discordStatus === 'pending') await dispatchAlert(platform.id, alert.id).catch(() => undefined);
  return 'received';
}
