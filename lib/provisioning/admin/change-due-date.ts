import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { AppError } from '@/lib/errors/app-error';

export const changeDueDateSchema = z.object({
  serviceId: z.coerce.number().int().positive(),
  nextDueOn: z.iso.date('must be a date (YYYY-MM-DD)'),
});

/**
 * Staff move a service's next due date. The anchor day moves with it, or the renewal after next would snap back
 * to the old day of the month. A service that is over (terminated, cancelled) has no next due date to move.
 */
export async function changeDueDate(db: StorefrontDb, opts: { input: z.input<typeof changeDueDateSchema>; actor: AuditActor }): Promise<{ changed: boolean; nextDueOn: string }> {
  const parsed = changeDueDateSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { serviceId, nextDueOn } = parsed.data;
  return db.transaction(async (tx) => {
    const [svc] = await tx.select({ publicId: services.publicId, status: services.status, nextDueOn: services.nextDueOn, anchorDay: services.anchorDay }).from(services).where(eq(services.id, serviceId)).for('update');
    if (!svc) throw new AppError('not_found', 'No such service.');
    if (svc.status === 'terminated' || svc.status === 'cancelled') throw new AppError('conflict', `The service is ${svc.status}; it has no due date to change.`);
    if (svc.nextDueOn === nextDueOn) return { changed: false, nextDueOn };
    const anchorDay = Number(nextDueOn.slice(8, 10));
    await tx.update(services).set({ nextDueOn, anchorDay }).where(eq(services.id, serviceId));
    await recordAudit(tx, { actor: opts.actor, action: 'service.due_date_changed', target: { type: 'service', id: svc.publicId }, before: { nextDueOn: svc.nextDueOn, anchorDay: svc.anchorDay }, after: { nextDueOn, anchorDay } });
    return { changed: true, nextDueOn };
  });
}
