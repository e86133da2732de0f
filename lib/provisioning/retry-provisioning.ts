import { desc, eq } from 'drizzle-orm';
import { provisioningRequests, services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { requestProvisioning } from './request-queue';

/** Staff: try a failed request again (or provision a service that never was), as a new request. */
export async function retryProvisioning(db: StorefrontDb, opts: { serviceId: number; actor: AuditActor }): Promise<string> {
  return db.transaction(async (tx) => {
    const [svc] = await tx.select().from(services).where(eq(services.id, opts.serviceId)).for('update');
    if (!svc) throw new AppError('not_found', 'No such service.');
    const [last] = await tx.select().from(provisioningRequests).where(eq(provisioningRequests.serviceId, svc.id)).orderBy(desc(provisioningRequests.id)).limit(1);
    if (last && (last.status === 'queued' || last.status === 'running')) throw new AppError('conflict', 'A request for this service is already under way.');
    const action = last?.status === 'failed' ? last.action : 'provision';
    const id = await requestProvisioning(tx, { serviceId: svc.id, action, requestedBy: opts.actor.label ?? 'staff' });
    if (!id) throw new AppError('bad_request', 'This service’s plan has no provisioning module.');
    await recordAudit(tx, { actor: opts.actor, action: 'service.provisioning_retried', target: { type: 'service', id: svc.publicId }, after: { action } });
    return `${action.replace('_', ' ')} queued again.`;
  });
}
