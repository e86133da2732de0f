import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { CANCELLATION_REASON_CODES, services, type CancellationReasonCode, type Service } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { AppError } from '@/lib/errors/app-error';
import { transitionService } from './service-state';

export const CANCELLATION_TYPES = ['end_of_period', 'immediate'] as const;
export type CancellationType = (typeof CANCELLATION_TYPES)[number];

/** The exit survey's choices as customers and the report see them, in the form's order. */
export const CANCELLATION_REASONS: Record<CancellationReasonCode, string> = {
  too_expensive: 'Too expensive',
  not_needed: 'No longer needed',
  switching_provider: 'Moving to another provider',
  missing_features: 'Missing features',
  performance: 'Performance or reliability',
  support: 'Support',
  other: 'Other',
};

/** What the cancellation form submits: the reason picked and the customer's own words. */
export const serviceCancellationSchema = z.object({
  type: z.enum(CANCELLATION_TYPES, 'must be end of period or immediate').default('end_of_period'),
  reasonCode: z.enum(CANCELLATION_REASON_CODES, 'must be one of the choices'),
  reason: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
});
export type ServiceCancellationInput = z.infer<typeof serviceCancellationSchema>;

const CANCELLABLE: Service['status'][] = ['active', 'suspended'];

/** The customer's service, locked; another customer's service is "not found", never "forbidden". */
async function lockOwnService(tx: SfDb, serviceId: number, customerId: number): Promise<Service> {
  const [svc] = await tx
    .select()
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.customerId, customerId)))
    .for('update');
  if (!svc) throw new AppError('not_found', 'No such service.');
  return svc;
}

/**
 * A customer asks to cancel a service. end_of_period only records the request (the billing run stops invoicing
 * it and cancels it on its next due date); immediate cancels it now through the state machine and leaves its
 * invoices alone. Both keep the survey's reason code and text on the row (the cancellation report reads them) and
 * are audited in the same transaction.
 */
export async function requestServiceCancellation(
  db: SfDb,
  opts: { serviceId: number; customerId: number; type: CancellationType; reasonCode: CancellationReasonCode; reason: string; actor: AuditActor; now: Date },
): Promise<{ type: CancellationType; effectiveOn: string | null }> {
  const parsed = serviceCancellationSchema.safeParse({ type: opts.type, reasonCode: opts.reasonCode, reason: opts.reason });
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { type, reasonCode, reason } = parsed.data;
  return db.transaction(async (tx) => {
    const svc = await lockOwnService(tx, opts.serviceId, opts.customerId);
    if (!CANCELLABLE.includes(svc.status)) throw new AppError('conflict', `This service is ${svc.status} and can’t be cancelled.`);
    if (type === 'end_of_period') {
      if (svc.cancellationRequestedAt) throw new AppError('conflict', 'A cancellation is already pending for this service.');
      const [res] = await tx
        .update(services)
        .set({ cancellationRequestedAt: opts.now, cancellationReasonCode: reasonCode, cancellationReason: reason })
        .where(and(eq(services.id, svc.id), inArray(services.status, CANCELLABLE), isNull(services.cancellationRequestedAt)));
      if (res.affectedRows !== 1) throw new AppError('conflict', 'The service changed meanwhile; try again.');
      await recordAudit(tx, {
        actor: opts.actor,
        action: 'service.cancellation_requested',
        target: { type: 'service', id: svc.publicId },
        before: { cancellationRequestedAt: null },
        after: { type, reasonCode, reason, effectiveOn: svc.nextDueOn },
      });
      return { type, effectiveOn: svc.nextDueOn };
    }
    // Keep the reason on the row too, so staff see why without digging through the audit log.
    await tx.update(services).set({ cancellationRequestedAt: svc.cancellationRequestedAt ?? opts.now, cancellationReasonCode: reasonCode, cancellationReason: reason }).where(eq(services.id, svc.id));
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'service.cancellation_requested',
      target: { type: 'service', id: svc.publicId },
      before: { cancellationRequestedAt: svc.cancellationRequestedAt },
      after: { type, reasonCode, reason },
    });
    const moved = await transitionService(tx, { serviceId: svc.id, to: 'cancelled', onlyFrom: CANCELLABLE, actor: opts.actor, now: opts.now });
    if (!moved) throw new AppError('conflict', 'The service changed meanwhile; try again.');
    return { type, effectiveOn: null };
  });
}

/** Takes back a pending end-of-period cancellation: the service renews as before. */
export async function withdrawServiceCancellation(db: SfDb, opts: { serviceId: number; customerId: number; actor: AuditActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const svc = await lockOwnService(tx, opts.serviceId, opts.customerId);
    if (!svc.cancellationRequestedAt || !CANCELLABLE.includes(svc.status)) throw new AppError('conflict', 'This service has no pending cancellation.');
    const [res] = await tx
      .update(services)
      .set({ cancellationRequestedAt: null, cancellationReasonCode: null, cancellationReason: null })
      .where(and(eq(services.id, svc.id), inArray(services.status, CANCELLABLE), isNotNull(services.cancellationRequestedAt)));
    if (res.affectedRows !== 1) throw new AppError('conflict', 'The service changed meanwhile; try again.');
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'service.cancellation_withdrawn',
      target: { type: 'service', id: svc.publicId },
      before: { cancellationRequestedAt: svc.cancellationRequestedAt.toISOString(), cancellationReasonCode: svc.cancellationReasonCode, cancellationReason: svc.cancellationReason },
      after: { cancellationRequestedAt: null },
    });
  });
}
