import { and, asc, eq, ne } from 'drizzle-orm';
import { currencies, invoices, planPrices, plans, serviceChanges, services, type Service } from '@/db/schema/storefront';
import type { CartItem } from '@/lib/cart/schemas';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { joinedDigits } from '@/lib/money/currency-book';
import { currentSelection } from './quote-plan-change';

export interface PlanChangeChoices {
  service: Pick<Service, 'id' | 'publicId' | 'label' | 'status' | 'cycle' | 'currency' | 'nextDueOn' | 'recurringMinor'> & { planName: string; locale: string; minorDigits: number };
  /** Other plans of the service's group priced in its currency and cycle. */
  plans: { slug: string; name: string; amountMinor: number }[];
  /** The options in force, to carry over to the new plan. */
  options: CartItem['options'];
  /** The upgrade invoice still to pay, if a change is pending. */
  pendingInvoicePublicId: string | null;
}

/** What the account's "Change plan" page offers for one of the customer's services (by its public id). */
export async function getPlanChangeChoices(db: SfDb, opts: { servicePublicId: string; customerId: number }): Promise<PlanChangeChoices> {
  const [row] = await db
    .select({ service: services, planName: plans.name, groupId: plans.groupId, locale: currencies.locale, minorDigits: currencies.minorDigits })
    .from(services)
    .innerJoin(plans, eq(plans.id, services.planId))
    .leftJoin(currencies, eq(currencies.code, services.currency))
    .where(and(eq(services.publicId, opts.servicePublicId), eq(services.customerId, opts.customerId)));
  if (!row) throw new AppError('not_found', 'No such service.');
  const svc = row.service;
  const others = await db
    .select({ slug: plans.slug, name: plans.name, amountMinor: planPrices.amountMinor })
    .from(plans)
    .innerJoin(planPrices, and(eq(planPrices.planId, plans.id), eq(planPrices.currency, svc.currency), eq(planPrices.cycle, svc.cycle)))
    .where(and(eq(plans.groupId, row.groupId), ne(plans.id, svc.planId), ne(plans.status, 'archived')))
    .orderBy(asc(planPrices.amountMinor), asc(plans.id));
  const selection = await currentSelection(db, svc);
  const [pending] = await db
    .select({ invoicePublicId: invoices.publicId })
    .from(serviceChanges)
    .leftJoin(invoices, eq(invoices.id, serviceChanges.invoiceId))
    .where(and(eq(serviceChanges.serviceId, svc.id), eq(serviceChanges.status, 'pending')));
  return {
    service: { id: svc.id, publicId: svc.publicId, label: svc.label, status: svc.status, cycle: svc.cycle, currency: svc.currency, nextDueOn: svc.nextDueOn, recurringMinor: svc.recurringMinor, planName: row.planName, locale: row.locale ?? 'en-US', minorDigits: joinedDigits(svc.currency, row.minorDigits) },
    plans: others,
    options: selection.options.map((o) => ({ optionId: o.optionId, valueId: o.valueId, quantity: o.quantity })),
    pendingInvoicePublicId: pending ? (pending.invoicePublicId ?? null) : null,
  };
}
