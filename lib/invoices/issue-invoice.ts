import { type customers, invoiceLines, invoices, type FrozenTax, type InvoiceLineKind, type InvoiceParty } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { publicId } from '@/lib/ids/public-id';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import { addDays, toDateString } from '@/lib/billing/cycle-dates';
import { takeInvoiceNumber } from './invoice-number';

export interface NewInvoiceLine {
  kind: InvoiceLineKind;
  description: string;
  serviceId?: number | null;
  orderItemId?: number | null;
  couponId?: number | null;
  quantity: number;
  amountMinor: number;
  taxMinor: number;
  tax: FrozenTax;
  periodStart?: string | null;
  periodEnd?: string | null;
}

export interface IssueInvoiceOptions {
  customer: typeof customers.$inferSelect;
  currency: string;
  lines: NewInvoiceLine[];
  reverseCharge: boolean;
  settings: CommerceSettings;
  now: Date;
  /** Due this many days after issue… */
  dueInDays: number;
  /** …or on this date (renewals are due on the service's due date). */
  dueOn?: string;
}

export function sellerParty(settings: CommerceSettings): InvoiceParty {
  return { name: settings.sellerName, company: null, email: null, addressLines: settings.sellerAddressLines, country: settings.sellerCountry, taxId: settings.sellerTaxId };
}

export function buyerParty(c: IssueInvoiceOptions['customer']): InvoiceParty {
  const cityLine = [c.postalCode, c.city, c.region].filter(Boolean).join(' ');
  return {
    name: c.name,
    company: c.company,
    email: c.email,
    addressLines: [c.addressLine1, c.addressLine2, cityLine].filter((l): l is string => Boolean(l)),
    country: c.country,
    taxId: c.taxId,
  };
}

/**
 * Creates an issued (unpaid) invoice with its lines and a gap-free number, inside the caller's transaction.
 * Totals are the sums of the lines as given; the pricing engine already rounded each line once.
 */
export async function issueInvoice(tx: SfDb, opts: IssueInvoiceOptions): Promise<{ id: number; publicId: string; number: string; totalMinor: number }> {
  const subtotalMinor = opts.lines.reduce((s, l) => s + l.amountMinor, 0);
  const taxMinor = opts.lines.reduce((s, l) => s + l.taxMinor, 0);
  const totalMinor = subtotalMinor + taxMinor;
  const number = await takeInvoiceNumber(tx, opts.settings.invoiceNumberFormat, opts.now);
  const pid = publicId('inv');
  const [res] = await tx.insert(invoices).values({
    publicId: pid,
    customerId: opts.customer.id,
    number,
    status: 'unpaid',
    currency: opts.currency,
    taxInclusive: opts.settings.taxInclusive,
    reverseCharge: opts.reverseCharge,
    subtotalMinor,
    taxMinor,
    totalMinor,
    buyer: buyerParty(opts.customer),
    seller: sellerParty(opts.settings),
    issuedAt: opts.now,
    dueOn: opts.dueOn ?? addDays(toDateString(opts.now), opts.dueInDays),
  });
  const invoiceId = res.insertId;
  if (opts.lines.length) {
    await tx.insert(invoiceLines).values(
      opts.lines.map((l, i) => ({
        invoiceId,
        kind: l.kind,
        description: l.description.slice(0, 255),
        serviceId: l.serviceId ?? null,
        orderItemId: l.orderItemId ?? null,
        couponId: l.couponId ?? null,
        quantity: l.quantity,
        amountMinor: l.amountMinor,
        taxMinor: l.taxMinor,
        tax: l.tax,
        periodStart: l.periodStart ?? null,
        periodEnd: l.periodEnd ?? null,
        sortOrder: i,
      })),
    );
  }
  return { id: invoiceId, publicId: pid, number, totalMinor };
}
