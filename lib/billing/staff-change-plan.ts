import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { services, staffUsers } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import type { StorefrontDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { PERMISSION_LABELS, staffHas } from '@/lib/staff/permissions';
import { applyPlanChangeWithoutCharge, requestPlanChange, type PlanChangeResult } from './change-service-plan';
import { getPlanChangeChoices } from './plan-change-choices';

export const staffChangePlanSchema = z.object({
  serviceId: z.coerce.number().int().positive(),
  planSlug: z.string().trim().min(1, 'is required').max(80, 'is not a plan').regex(/^[a-z0-9-]+$/, 'is not a plan'),
  billing: z.enum(['prorate', 'none'], 'must be chosen'),
  note: z.string().trim().min(3, 'must be at least 3 characters').max(500, 'must be at most 500 characters'),
});

export type StaffChangePlanResult = PlanChangeResult & { billing: 'prorate' | 'none' };

/**
 * Staff move a customer's service to another plan of its product group, with the rules and the list of plans the
 * customer gets, and the options in force carried over. 'prorate' is the customer's own flow (an upgrade is
 * invoiced and waits for payment, a downgrade applies and credits per billing settings); 'none' applies at once
 * with no invoice or credit, the new price running from the next renewal, so it is a billing decision too: it
 * needs billing.manage besides the caller's services.manage. The note is kept in the audit rows.
 */
export async function staffChangeServicePlan(
  db: StorefrontDb,
  opts: { input: z.input<typeof staffChangePlanSchema>; actor: AuditActor & { type: 'staff'; id: number }; storefrontId: number; now?: Date },
): Promise<StaffChangePlanResult> {
  const parsed = staffChangePlanSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const { serviceId, planSlug, billing, note } = parsed.data;
  if (billing === 'none') {
    // The staff row, not what the caller says about the role: a role edited a moment ago counts at once.
    const [staff] = await db.select({ role: staffUsers.role, status: staffUsers.status }).from(staffUsers).where(eq(staffUsers.id, opts.actor.id));
    if (!staff || !(await staffHas(db, staff, 'billing.manage'))) {
      throw new AppError('forbidden', `A change without charge is a billing decision: you don't have permission to do this (${PERMISSION_LABELS['billing.manage'].toLowerCase()}).`);
    }
  }
  const [svc] = await db.select({ publicId: services.publicId, customerId: services.customerId }).from(services).where(eq(services.id, serviceId));
  if (!svc) throw new AppError('not_found', 'No such service.');

  const choices = await getPlanChangeChoices(db, { servicePublicId: svc.publicId, customerId: svc.customerId });
  // Checked again under the service lock; this one names the invoice to void to free the service.
  if (choices.pendingInvoicePublicId) {
    throw new AppError('conflict', `A plan change is already waiting for payment of invoice ${choices.pendingInvoicePublicId}; void that invoice to cancel it first.`);
  }
  if (!choices.plans.some((p) => p.slug === planSlug)) {
    throw new AppError('bad_request', `The plan "${planSlug}" is not offered for this service.`, { planSlug: ['is not offered for this service'] });
  }

  const change = { serviceId, customerId: svc.customerId, planSlug, options: choices.options, at: opts.now ?? new Date(), actor: opts.actor, note };
  const res = billing === 'prorate' ? await requestPlanChange(db, { ...change, storefrontId: opts.storefrontId }) : await applyPlanChangeWithoutCharge(db, change);
  return { ...res, billing };
}
