import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { BILLING_CYCLES, invoices, orderItems, orders, services, type Service } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import type { AuditActor } from '@/lib/audit/record-audit';
import { emailSchema } from '@/lib/auth/schemas';
import type { Cart, CartItem } from '@/lib/cart/schemas';
import { orderFieldsForPlan } from '@/lib/catalog/order-fields';
import { getPlanForOrder, type OrderPlan } from '@/lib/catalog/public/get-plan-for-order';
import { getCustomerByEmailOrThrow } from '@/lib/customers/get-customer-by-email';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import { AppError } from '@/lib/errors/app-error';
import { recordInvoicePayment } from '@/lib/invoices/record-invoice-payment';
import { placeOrder } from './place-order';

export const createPaidServiceSchema = z.object({
  storefrontId: z.number().int().positive(),
  customerEmail: emailSchema,
  planSlug: z.string().trim().min(1, 'is required').max(80),
  cycle: z.enum(BILLING_CYCLES, { message: 'is not a billing cycle' }),
  start: z.date({ message: 'must be a date' }).refine((d) => !Number.isNaN(d.getTime()), 'must be a date'),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code')
    .optional(),
  /** Order fields by name (hostname, domain, serverName); required ones not given get a deterministic default. */
  fields: z.record(z.string(), z.string()).optional(),
  /** Options by code: a value code for dropdown/radio, a quantity for quantity options, yes/no (or 1/0) for yes/no. */
  options: z.record(z.string(), z.string()).optional(),
});

export type CreatePaidServiceInput = z.input<typeof createPaidServiceSchema>;

export interface CreatedPaidService {
  servicePublicId: string;
  orderPublicId: string;
  invoiceNumber: string;
  nextDueOn: string | null;
}

const PAYMENT_REFERENCE = 'cli:service:create';

function bad(message: string): AppError {
  return new AppError('bad_request', message);
}

/** The typed-in fields: what was given, plus a numbered default for each required one that was not. */
function orderFields(plan: OrderPlan, given: Record<string, string>, n: number): Record<string, string> {
  const specs = orderFieldsForPlan(plan);
  const unknown = Object.keys(given).find((k) => !specs.some((s) => s.name === k));
  if (unknown) {
    const expected = specs.map((s) => s.name).join(', ') || 'none';
    throw bad(`${plan.slug} has no order field "${unknown}" (fields: ${expected}).`);
  }
  const defaults: Record<string, string> = { hostname: `svc${n}.example.com`, domain: `example-${n}.com`, serverName: `Server ${n}` };
  return Object.fromEntries(specs.map((s) => [s.name, given[s.name] ?? defaults[s.name] ?? '']));
}

/** Options by code turned into the cart's ids; required dropdowns not given take their first value. */
function orderOptions(plan: OrderPlan, given: Record<string, string>): CartItem['options'] {
  const all = plan.optionGroups.flatMap((g) => g.options);
  const chosen: CartItem['options'] = [];
  for (const [code, raw] of Object.entries(given)) {
    const option = all.find((o) => o.code === code);
    if (!option) throw bad(`${plan.slug} has no option "${code}" (options: ${all.map((o) => o.code).join(', ') || 'none'}).`);
    if (option.type === 'dropdown' || option.type === 'radio') {
      const value = option.values.find((v) => v.code === raw);
      if (!value) throw bad(`Option ${code} has no value "${raw}" (values: ${option.values.map((v) => v.code).join(', ')}).`);
      chosen.push({ optionId: option.id, valueId: value.id, quantity: 1 });
    } else if (option.type === 'yes_no') {
      const yes = ['yes', '1', 'true'].includes(raw) ? 1 : ['no', '0', 'false'].includes(raw) ? 0 : null;
      if (yes === null) throw bad(`Option ${code} is yes or no.`);
      chosen.push({ optionId: option.id, valueId: null, quantity: yes });
    } else {
      if (!/^\d+$/.test(raw)) throw bad(`Option ${code} takes a quantity.`);
      chosen.push({ optionId: option.id, valueId: null, quantity: Number(raw) });
    }
  }
  for (const option of all) {
    if (!option.required || chosen.some((c) => c.optionId === option.id)) continue;
    const first = option.values[0];
    if (!first) throw bad(`Option ${option.code} has no values to choose from.`);
    const dropdown = option.type === 'dropdown' || option.type === 'radio';
    chosen.push({ optionId: option.id, valueId: dropdown ? first.id : null, quantity: dropdown ? 1 : Math.max(option.minQuantity, 1) });
  }
  return chosen;
}

/**
 * An active service as if the customer had ordered it and paid in full on `start`: the real checkout (placeOrder)
 * with its clock set to `start`, then a bank transfer for the whole first invoice on the same date. Backfills and
 * scripted scenarios so get the same order, invoice, audit trail and due dates a customer's checkout produces.
 */
export async function createPaidService(db: StorefrontDb, opts: CreatePaidServiceInput & { actor: AuditActor }): Promise<CreatedPaidService> {
  const { actor, ...input } = opts;
  const parsed = createPaidServiceSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('bad_request', `${String(issue?.path[0] ?? 'input')} ${issue?.message ?? 'is invalid'}`, fieldErrorsOf(parsed.error));
  }
  const { storefrontId, customerEmail, planSlug, cycle, start } = parsed.data;
  const customer = await getCustomerByEmailOrThrow(db, customerEmail);
  const plan = await getPlanForOrder(db, { slug: planSlug });
  if (!plan) throw new AppError('not_found', `No orderable plan with slug "${planSlug}".`);
  const currency = parsed.data.currency ?? customer.currency;

  const [itemCount] = await db.select({ n: count() }).from(orderItems);
  const item: CartItem = {
    planSlug: plan.slug,
    cycle,
    locationId: plan.locations[0]?.id ?? null,
    options: orderOptions(plan, parsed.data.options ?? {}),
    fields: orderFields(plan, parsed.data.fields ?? {}, (itemCount?.n ?? 0) + 1),
  };
  const cart: Cart = { currency, country: null, items: [{ id: 'i0', item }], couponCodes: [] };
  const placed = await placeOrder(db, { storefrontId, customerId: customer.id, cart, ip: null, actor, now: start });

  if (!placed.paid) {
    await db.transaction(async (tx) => {
      const [invoice] = await tx.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
      if (!invoice) throw new AppError('not_found', 'No such invoice.');
      await recordInvoicePayment(tx, {
        invoiceId: invoice.id,
        method: 'bank_transfer',
        currency: invoice.currency,
        amountMinor: invoice.totalMinor - invoice.paidMinor,
        reference: PAYMENT_REFERENCE,
        actor,
        now: start,
      });
    });
  }

  const [row] = await db
    .select({ service: services })
    .from(services)
    .innerJoin(orderItems, eq(orderItems.id, services.orderItemId))
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(eq(orders.publicId, placed.orderPublicId))
    .limit(1);
  const service: Service | undefined = row?.service;
  if (!service) throw new AppError('not_found', `Order ${placed.orderPublicId} has no service.`);
  return { servicePublicId: service.publicId, orderPublicId: placed.orderPublicId, invoiceNumber: placed.invoiceNumber, nextDueOn: service.nextDueOn };
}
