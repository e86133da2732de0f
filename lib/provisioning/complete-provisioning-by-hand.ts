import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { provisioningRequests, services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { encryptSecret } from '@/lib/security/secret-box';
import type { ServiceDetails } from './module';

export const completeByHandSchema = z.object({
  panelRef: z.string().trim().min(1, 'is required').max(255),
  ips: z
    .string()
    .trim()
    .max(500)
    .transform((s) => s.split(/[\s,]+/).filter(Boolean)),
  hostname: z.string().trim().max(255).optional(),
  username: z.string().trim().max(120).optional(),
  password: z.string().max(255).optional(),
});

/** Staff finish a service by hand (the panel was set up outside us): details stored, open requests closed. */
export async function completeProvisioningByHand(db: StorefrontDb, opts: { serviceId: number; input: z.input<typeof completeByHandSchema>; actor: AuditActor }): Promise<void> {
  const parsed = completeByHandSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const input = parsed.data;
  if (Boolean(input.username) !== Boolean(input.password)) throw new AppError('bad_request', 'Give both a username and a password, or neither.', { password: ['goes with the username'] });
  await db.transaction(async (tx) => {
    const [svc] = await tx.select().from(services).where(eq(services.id, opts.serviceId)).for('update');
    if (!svc) throw new AppError('not_found', 'No such service.');
    if (svc.status === 'terminated' || svc.status === 'cancelled') throw new AppError('conflict', `A ${svc.status} service can’t be set up.`);
    const details = { ...((svc.details ?? {}) as ServiceDetails), ips: input.ips, ...(input.hostname ? { hostname: input.hostname } : {}) };
    await tx
      .update(services)
      .set({
        panelRef: input.panelRef,
        details,
        provisioningStatus: 'active',
        provisioningError: null,
        provisionedAt: new Date(),
        ...(input.username && input.password ? { credentials: encryptSecret(JSON.stringify({ username: input.username, password: input.password })) } : {}),
      })
      .where(eq(services.id, svc.id));
    await tx
      .update(provisioningRequests)
      .set({ status: 'done', lastError: 'completed by hand', finishedAt: new Date() })
      .where(and(eq(provisioningRequests.serviceId, svc.id), eq(provisioningRequests.action, 'provision'), inArray(provisioningRequests.status, ['queued', 'failed', 'waiting'])));
    await recordAudit(tx, { actor: opts.actor, action: 'service.provisioned_by_hand', target: { type: 'service', id: svc.publicId }, after: { panelRef: input.panelRef, ips: input.ips, hostname: input.hostname ?? null, loginStored: Boolean(input.username && input.password) } });
  });
}
