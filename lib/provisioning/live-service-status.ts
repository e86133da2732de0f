import { eq } from 'drizzle-orm';
import { services } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { getRedis } from '@/lib/redis/client';
import type { ServiceStatus } from './module';
import { serviceModuleContext } from './service-module-context';
import { STATUS_CACHE_SECONDS, serviceStatusKey } from './service-status-cache';

/** Live status and usage from the panel, cached briefly so a busy page does not hammer it; null when unknown. */
export async function liveServiceStatus(db: SfDb, serviceId: number): Promise<ServiceStatus | null> {
  const [svc] = await db.select({ publicId: services.publicId }).from(services).where(eq(services.id, serviceId));
  if (!svc) return null;
  const key = serviceStatusKey(svc.publicId);
  const cached = await getRedis().get(key);
  if (cached) return JSON.parse(cached) as ServiceStatus;
  const found = await serviceModuleContext(db, serviceId, []);
  if (!found) return null;
  try {
    const status = await found.module.status(found.ctx);
    await getRedis().set(key, JSON.stringify(status), 'EX', STATUS_CACHE_SECONDS);
    return status;
  } catch {
    // A page showing status must never fail because a panel is down or answered oddly.
    return { state: 'unknown' };
  }
}
