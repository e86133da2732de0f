import { and, eq } from 'drizzle-orm';
import { creditLedger, plans, serviceChanges, services, type Service, type ServiceChange } from '@/db/schema/storefront';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '@/lib/audit/record-audit';
import { lockCustomerCredit } from '@/lib/credit/credit-balance';
import type { SfDb } from '@/lib/db/connection';
import { serviceActionQueue } from './service-actions';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { issueInvoice } from '@/lib/invoices/issue-invoice';
import { getBillingSettings } from '@/lib/settings/billing-settings';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';
import { getCustomerForPricing } from '@/lib/pricing/pricing-context';
import { vatStandingForTax, viesCheckActor } from '@/lib/tax/refresh-vat-standings';
import { addDays } from '@/lib/dates/calendar-days';
import { getOwnServiceOrThrow, quotePlanChange, type PlanChangeInput, type PlanChangePreview, type PlanChangeQuote } from './quote-plan-change';

export type { PlanChangeInput, PlanChangePreview } from './quote-plan-change';

/**
 * Re-checks the customer's VAT number with VIES when its standing is stale, before the transaction that prices the
 * change: quotePlanChange reads the standing this stores.
 */
async function refreshVatStanding(db: SfDb, opts: { customerId: number; at: Date; storefrontId?: number }): Promise<void> {
  const customer = await getCustomerForPricing(db, opts.customerId);
  if (customer) await vatStandingForTax(db, customer, { commerce: await getCommerceSettings(db), actor: viesCheckActor('plan-change'), now: opts.at, storefrontId: opts.storefrontId });
}

/** What the account area shows before the customer confirms: the exact amount, tax and the new recurring price. */
export async function previewPlanChange(db: SfDb, opts: PlanChangeInput & { storefrontId?: number }): Promise<PlanChangePreview> {
  const svc = await getOwnServiceOrThrow(db, opts.serviceId, opts.customerId);
  await refreshVatStanding(db, opts);
  return (await quotePlanChange(db, svc, opts)).preview;
}

export interface PlanChangeResult {
  preview: PlanChangePreview;
  status: 'pending' | 'applied';
  /** The upgrade's invoice, to pay before the change applies. */
  invoicePublicId: string | null;
  creditedMinor: number;
}

/** Moves the service onto the change's plan and price and marks the change applied, guarded on it being pending. */
async function applyChange(tx: SfDb, change: ServiceChange, opts: { actor: AuditActor; now: Date; note?: string }): Promise<boolean> {
  const [res] = await tx
    .update(serviceChanges)
    .set({ status: 'applied', pendingServiceId: null, appliedAt: opts.now })
    .where(and(eq(serviceChanges.id, change.id), eq(serviceChanges.status, 'pending')));
  if (res.affectedRows !== 1) return false;
  const [svc] = await tx.select().from(services).where(eq(services.id, change.serviceId)).for('update');
  const [plan] = await tx.select({ name: plans.name }).from(plans).where(eq(plans.id, change.toPlanId));
  if (!svc || !plan) throw new AppError('not_found', 'The service or plan of this change is gone.');
  const field = Object.values(change.newSelection.fields)[0];
  const label = (field ? `${plan.name} – ${field}` : plan.name).slice(0, 160);
  await tx.update(services).set({ planId: change.toPlanId, recurringMinor: change.toRecurringMinor, label }).where(eq(services.id, svc.id));
  await recordAudit(tx, {
    actor: opts.actor,
    action: 'service.plan_changed',
    target: { type: 'service', id: svc.publicId },
    before: { planId: svc.planId, recurringMinor: svc.recurringMinor, label: svc.label },
    after: { planId: change.toPlanId, recurringMinor: change.toRecurringMinor, label, kind: change.kind, changeId: change.id, ...(opts.note ? { note: opts.note } : {}) },
  });
  // The panel follows the new plan (its package, limits or hosting plan), through the same request queue.
  await serviceActionQueue().request(tx, { serviceId: svc.id, action: 'change_package' });
  return true;
}

type ChangeRequest = PlanChangeInput & {
  actor: AuditActor;
  /** Why staff made the change, kept in the audit rows. */
  note?: string;
};

const PENDING_CONFLICT = 'A plan change is already waiting for payment on this service.';

/** Runs a change request, turning the one-pending-per-service key's refusal of a racing second request into a conflict. */
async function onePendingChange<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', PENDING_CONFLICT);
    throw err;
  }
}

/**
 * Locks the service, refuses a second pending change, prices this one and records it as pending. `charged` false
 * records no amount: staff apply it without invoice or credit.
 */
async function recordPendingChange(tx: SfDb, opts: ChangeRequest, charged: boolean): Promise<{ svc: Service; quote: PlanChangeQuote; changeId: number }> {
  const svc = await getOwnServiceOrThrow(tx, opts.serviceId, opts.customerId, true);
  const [open] = await tx
    .select({ id: serviceChanges.id })
    .from(serviceChanges)
    .where(and(eq(serviceChanges.serviceId, svc.id), eq(serviceChanges.status, 'pending')));
  if (open) throw new AppError('conflict', PENDING_CONFLICT);
  const quote = await quotePlanChange(tx, svc, opts);
  const { preview } = quote;
  const [ins] = await tx.insert(serviceChanges).values({
    serviceId: svc.id,
    pendingServiceId: svc.id,
    kind: preview.kind,
    status: 'pending',
    fromPlanId: svc.planId,
    toPlanId: quote.plan.id,
    fromRecurringMinor: svc.recurringMinor,
    toRecurringMinor: preview.newRecurringMinor,
    newSelection: quote.selection,
    periodStart: preview.periodStart,
    periodEnd: preview.periodEnd,
    remainingDays: preview.remainingDays,
    totalDays: preview.totalDays,
    amountMinor: charged ? Math.abs(preview.amountMinor) : 0,
  });
  await recordAudit(tx, {
    actor: opts.actor,
    action: 'service.plan_change_requested',
    target: { type: 'service', id: svc.publicId },
    before: { planId: svc.planId, recurringMinor: svc.recurringMinor },
    after: {
      planId: quote.plan.id,
      recurringMinor: preview.newRecurringMinor,
      kind: preview.kind,
      // What was prorated: the per-period prices after carried coupons and loyalty.
      fromChargedMinor: preview.fromChargedMinor,
      toChargedMinor: preview.toChargedMinor,
      amountMinor: preview.amountMinor,
      totalMinor: preview.totalMinor,
      remainingDays: preview.remainingDays,
      totalDays: preview.totalDays,
      ...(charged ? {} : { billing: 'none' }),
      ...(opts.note ? { note: opts.note } : {}),
    },
  });
  return { svc, quote, changeId: ins.insertId };
}

/**
 * The customer confirms a plan or options change. An upgrade records a pending change and issues an invoice for
 * the prorated difference; paying it applies the change (applyPaidPlanChange). A downgrade applies at once and,
 * when the storefront says so, credits the unused difference (tax included, as it was paid) to account credit.
 * The next due date never moves. One pending change per service: a second request is a conflict.
 */
export async function requestPlanChange(db: SfDb, opts: ChangeRequest & { storefrontId: number }): Promise<PlanChangeResult> {
  await refreshVatStanding(db, opts);
  return onePendingChange(() =>
    db.transaction(async (tx) => {
      const { svc, quote, changeId } = await recordPendingChange(tx, opts, true);
      const { preview } = quote;

      if (preview.kind === 'upgrade') {
        const invoice = await issueInvoice(tx, {
          customer: quote.customer,
          currency: svc.currency,
          lines: [
            {
              kind: 'adjustment',
              description: `Upgrade to ${quote.plan.name} (${preview.remainingDays} of ${preview.totalDays} days)`,
              serviceId: svc.id,
              quantity: 1,
              amountMinor: preview.amountMinor,
              taxMinor: preview.taxMinor,
              tax: quote.tax,
              periodStart: quote.today,
              periodEnd: addDays(preview.periodEnd, -1),
            },
          ],
          reverseCharge: quote.tax.basis === 'reverse_charge',
          settings: quote.commerce,
          now: opts.at,
          dueInDays: quote.commerce.orderInvoiceDueDays,
        });
        await tx.update(serviceChanges).set({ invoiceId: invoice.id }).where(eq(serviceChanges.id, changeId));
        await recordAudit(tx, { actor: opts.actor, action: 'invoice.issued', target: { type: 'invoice', id: invoice.publicId }, after: { number: invoice.number, totalMinor: invoice.totalMinor, services: [svc.publicId], planChange: changeId } });
        return { preview, status: 'pending' as const, invoicePublicId: invoice.publicId, creditedMinor: 0 };
      }

      const [change] = await tx.select().from(serviceChanges).where(eq(serviceChanges.id, changeId));
      await applyChange(tx, change!, { actor: opts.actor, now: opts.at, note: opts.note });
      const refund = (await getBillingSettings(tx)).downgradeRefund;
      const creditedMinor = refund === 'credit' && preview.totalMinor < 0 ? -preview.totalMinor : 0;
      if (creditedMinor > 0) {
        await lockCustomerCredit(tx, svc.customerId);
        const note = `Downgrade to ${quote.plan.name} (${preview.remainingDays} of ${preview.totalDays} days unused)`;
        await tx.insert(creditLedger).values({ customerId: svc.customerId, currency: svc.currency, amountMinor: creditedMinor, kind: 'overpayment', note });
        await recordAudit(tx, { actor: opts.actor, action: 'credit.added', target: { type: 'service', id: svc.publicId }, after: { currency: svc.currency, amountMinor: creditedMinor, kind: 'overpayment', changeId } });
      }
      return { preview, status: 'applied' as const, invoicePublicId: null, creditedMinor };
    }),
  );
}

/**
 * Staff move a service to another plan now with nothing invoiced or credited: the panel follows at once and the
 * new recurring price is charged from the next renewal. Same rules and one-pending-change guard as requestPlanChange.
 */
export async function applyPlanChangeWithoutCharge(db: SfDb, opts: ChangeRequest & { note: string }): Promise<PlanChangeResult> {
  return onePendingChange(() =>
    db.transaction(async (tx) => {
      const { quote, changeId } = await recordPendingChange(tx, opts, false);
      const [change] = await tx.select().from(serviceChanges).where(eq(serviceChanges.id, changeId));
      await applyChange(tx, change!, { actor: opts.actor, now: opts.at, note: opts.note });
      return { preview: quote.preview, status: 'applied' as const, invoicePublicId: null, creditedMinor: 0 };
    }),
  );
}

/** Called from onInvoicePaid: applies the pending change this invoice paid for, once. */
export async function applyPaidPlanChange(tx: SfDb, opts: { invoiceId: number; actor: AuditActor; now: Date }): Promise<boolean> {
  const [change] = await tx
    .select()
    .from(serviceChanges)
    .where(and(eq(serviceChanges.invoiceId, opts.invoiceId), eq(serviceChanges.status, 'pending')))
    .for('update');
  if (!change) return false;
  return applyChange(tx, change, opts);
}

/** A voided upgrade invoice cancels its pending change, freeing the service for another request. */
export async function cancelPendingChangeForInvoice(tx: SfDb, invoiceId: number, actor: AuditActor = SYSTEM_ACTOR): Promise<boolean> {
  const [change] = await tx
    .select()
    .from(serviceChanges)
    .where(and(eq(serviceChanges.invoiceId, invoiceId), eq(serviceChanges.status, 'pending')))
    .for('update');
  if (!change) return false;
  const [res] = await tx
    .update(serviceChanges)
    .set({ status: 'cancelled', pendingServiceId: null })
    .where(and(eq(serviceChanges.id, change.id), eq(serviceChanges.status, 'pending')));
  if (res.affectedRows !== 1) return false;
  const [svc] = await tx.select({ publicId: services.publicId }).from(services).where(eq(services.id, change.serviceId));
  await recordAudit(tx, { actor, action: 'service.plan_change_cancelled', target: { type: 'service', id: svc?.publicId ?? change.serviceId }, before: { status: 'pending' }, after: { status: 'cancelled', changeId: change.id, invoiceId } });
  return true;
}
