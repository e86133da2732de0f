import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { provisioningRequests, services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import type { ServiceDetails } from './module';
import { requestProvisioning } from './request-queue';

export const hardwareServerIdSchema = z.string().trim().regex(/^\d{1,12}$/, 'must be the panel’s server id');

/** Staff pick a server for a dedicated order waiting for hardware; provisioning then carries on by itself. */
export async function assignHardware(db: StorefrontDb, opts: { serviceId: number; serverId: string; actor: AuditActor }): Promise<void> {
  const parsed = hardwareServerIdSchema.safeParse(opts.serverId);
  if (!parsed.success) throw new AppError('bad_request', 'Check the server id.', { serverId: [parsed.error.issues[0]?.message ?? 'is invalid'] });
  const serverId = parsed.data;
  await db.transaction(async (tx) => {
    const [svc] = await tx.select().from(services).where(eq(services.id, opts.serviceId)).for('update');
    if (!svc) throw new AppError('not_found', 'No such service.');
    if (svc.provisioningStatus !== 'awaiting_hardware' && svc.provisioningStatus !== 'failed') throw new AppError('conflict', 'This service is not waiting for hardware.');
    await tx.update(services).set({ details: { ...((svc.details ?? {}) as ServiceDetails), assignedServerId: serverId } }).where(eq(services.id, svc.id));
    await tx.update(provisioningRequests).set({ status: 'done', lastError: 'replaced by a hardware assignment', finishedAt: new Date() }).where(and(eq(provisioningRequests.serviceId, svc.id), eq(provisioningRequests.status, 'waiting')));
    await requestProvisioning(tx, { serviceId: svc.id, action: 'provision', requestedBy: opts.actor.label ?? 'staff' });
    await recordAudit(tx, { actor: opts.actor, action: 'service.hardware_assigned', target: { type: 'service', id: svc.publicId }, after: { serverId } });
  });
}
