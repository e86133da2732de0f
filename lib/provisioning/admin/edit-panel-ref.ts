import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { AppError } from '@/lib/errors/app-error';

export const editPanelRefSchema = z.object({
  serviceId: z.coerce.number().int().positive(),
  // Blank clears it: the service is then no longer tied to anything on the panel.
  panelRef: z
    .string()
    .trim()
    .max(255, 'must be at most 255 characters')
    .regex(/^[\x21-\x7e]*$/, 'must be the panel’s id, without spaces')
    .transform((v) => v || null),
});

/**
 * Staff correct the panel's id for a service (after a panel migration, or to adopt a server made by hand). Later
 * module calls act on that resource, so the old and new ids are kept in the audit row.
 */
export async function editPanelRef(db: StorefrontDb, opts: { input: z.input<typeof editPanelRefSchema>; actor: AuditActor }): Promise<{ changed: boolean; panelRef: string | null }> {
  const parsed = editPanelRefSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { serviceId, panelRef } = parsed.data;
  return db.transaction(async (tx) => {
    const [svc] = await tx.select({ publicId: services.publicId, panelRef: services.panelRef }).from(services).where(eq(services.id, serviceId)).for('update');
    if (!svc) throw new AppError('not_found', 'No such service.');
    if (svc.panelRef === panelRef) return { changed: false, panelRef };
    await tx.update(services).set({ panelRef }).where(eq(services.id, serviceId));
    await recordAudit(tx, { actor: opts.actor, action: 'service.panel_ref_changed', target: { type: 'service', id: svc.publicId }, before: { panelRef: svc.panelRef }, after: { panelRef } });
    return { changed: true, panelRef };
  });
}
