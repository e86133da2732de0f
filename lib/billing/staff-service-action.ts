import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { services } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { AppError } from '@/lib/errors/app-error';
import { transitionService } from './service-state';

export const staffServiceActionSchema = z
  .object({
    serviceId: z.coerce.number().int().positive(),
    action: z.enum(['suspend', 'unsuspend', 'cancel', 'terminate'], 'is not an action'),
    reason: z.enum(['abuse', 'staff', 'other'], 'is not a suspension reason').optional(),
    note: z.string().trim().min(3, 'must be at least 3 characters').max(500, 'must be at most 500 characters'),
  })
  .refine((v) => v.action !== 'suspend' || v.reason !== undefined, { path: ['reason'], message: 'is required to suspend' });

const TARGET = { suspend: 'suspended', unsuspend: 'active', cancel: 'cancelled', terminate: 'terminated' } as const;

/**
 * Staff suspend (abuse, staff, other — these never lift themselves on payment), unsuspend, cancel or terminate a
 * service now. The state machine refuses moves it does not allow; the note is kept in the audit row.
 */
export async function staffServiceAction(db: StorefrontDb, opts: { input: z.input<typeof staffServiceActionSchema>; actor: AuditActor; now?: Date }): Promise<{ status: string }> {
  const parsed = staffServiceActionSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { serviceId, action, reason, note } = parsed.data;
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const [svc] = await tx.select({ status: services.status }).from(services).where(eq(services.id, serviceId));
    if (!svc) throw new AppError('not_found', 'No such service.');
    const to = TARGET[action];
    const moved = await transitionService(tx, { serviceId, to, reason: action === 'suspend' ? reason : undefined, note, actor: opts.actor, now });
    if (!moved) throw new AppError('conflict', `The service is already ${svc.status}.`);
    return { status: to };
  });
}
