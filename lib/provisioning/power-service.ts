import { eq } from 'drizzle-orm';
import { services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { getRedis } from '@/lib/redis/client';
import { consumeRateLimit } from '@/lib/security/rate-limit';
import { cleanUntrustedText } from '@/lib/security/untrusted-text';
import type { PowerAction } from './module';
import type { PanelHttpEntry } from './panel-http';
import { POWER_LABELS } from './power-labels';
import { writeProvisioningLog } from './provisioning-log';
import { serviceModuleContext } from './service-module-context';
import { serviceStatusKey } from './service-status-cache';

const POWER_LIMIT = { name: 'service-power', limit: 10, windowSeconds: 600 };

/** The customer's (or staff's) power button: rate-limited per service, logged, audited, and the status cache dropped. */
export async function powerService(db: StorefrontDb, opts: { storefrontId: number; serviceId: number; action: PowerAction; actor: AuditActor }): Promise<string> {
  const [svc] = await db.select({ publicId: services.publicId, status: services.status }).from(services).where(eq(services.id, opts.serviceId));
  if (!svc) throw new AppError('not_found', 'No such service.');
  if (svc.status !== 'active') throw new AppError('conflict', 'Power controls work only while the service is active.');
  const limit = await consumeRateLimit({ rule: POWER_LIMIT, storefrontId: opts.storefrontId, subject: svc.publicId });
  if (!limit.allowed) throw new AppError('rate_limited', `Too many power actions on this service; try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minute(s).`);
  const calls: PanelHttpEntry[] = [];
  const found = await serviceModuleContext(db, opts.serviceId, calls);
  if (!found?.module.power || !found.module.powerActions.includes(opts.action)) throw new AppError('bad_request', 'This service has no such power control.');
  let error: string | null = null;
  try {
    await found.module.power(found.ctx, opts.action);
  } catch (err) {
    error = cleanUntrustedText(err instanceof Error ? err.message : String(err), 500);
  }
  await writeProvisioningLog(db, { serviceId: opts.serviceId, requestId: null, action: `power:${opts.action}`, attempt: 1, actor: opts.actor, calls, error });
  await recordAudit(db, { actor: opts.actor, action: 'service.power', target: { type: 'service', id: svc.publicId }, after: { action: opts.action, ok: error === null } });
  await getRedis().del(serviceStatusKey(svc.publicId));
  if (error) throw new AppError('unavailable', 'The server did not accept the command. Please try again in a minute.');
  return `${POWER_LABELS[opts.action]} sent.`;
}
