import { inArray } from 'drizzle-orm';
import { type customers, invoiceLines, invoices, type FrozenTax, type InvoiceLineKind, type InvoiceParty } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { publicId } from '@/lib/ids/public-id';
import { bulkInsert } from '@/lib/db/bulk-insert';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import { addDays, toDateString } from '@/lib/billing/cycle-dates';
import { takeInvoiceNumbers } from './invoice-number';

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

export interface IssuedInvoice {
  id: number;
  publicId: string;
  number: string;
  totalMinor: number;
}

/**
 * Creates issued (unpaid) invoices with their lines and gap-free numbers, inside the caller's transaction, in a
 * few multi-row statements however many there are. All must share the issue moment (one numbering series).
 * Totals are the sums of the lines as given; the pricing engine already rounded each line once.
 */
export async function issueInvoices(tx: SfDb, batch: IssueInvoiceOptions[]): Promise<IssuedInvoice[]> {
  if (!batch.length) return [];
  const { settings, now } = batch[0]!;
  const numbers = await takeInvoiceNumbers(tx, settings.invoiceNumberFormat, now, batch.length);
  const rows = batch.map((opts, i) => {
    const subtotalMinor = opts.lines.reduce((sum, l) => sum + l.amountMinor, 0);
    const taxMinor = opts.lines.reduce((sum, l) => sum + l.taxMinor, 0);
    return {
      publicId: publicId('inv'),
      customerId: opts.customer.id,
      number: numbers[i]!,
      status: 'unpaid' as const,
      currency: opts.currency,
      taxInclusive: opts.settings.taxInclusive,
      reverseCharge: opts.reverseCharge,
      subtotalMinor,
      taxMinor,
      totalMinor: subtotalMinor + taxMinor,
      buyer: buyerParty(opts.customer),
      seller: sellerParty(opts.settings),
      issuedAt: opts.now,
      dueOn: opts.dueOn ?? addDays(toDateString(opts.now), opts.dueInDays),
    };
  });
  await bulkInsert(tx, invoices, rows);
  const ids = new Map(
    (await tx.select({ id: invoices.id, publicId: invoices.publicId }).from(invoices).where(inArray(invoices.publicId, rows.map((r) => r.publicId)))).map((r) => [r.publicId, r.id]),
  );
  const lineRows = batch.flatMap((opts, i) =>
    opts.lines.map((l, n) => ({
      invoiceId: ids.get(rows[i]!.publicId)!,
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
      sortOrder: n,
    })),
  );
  await bulkInsert(tx, invoiceLines, lineRows);
  return rows.map((r) => ({ id: ids.get(r.publicId)!, publicId: r.publicId, number: r.number, totalMinor: r.totalMinor }));
}

export async function issueInvoice(tx: SfDb, opts: IssueInvoiceOptions): Promise<IssuedInvoice> {
  const [issued] = await issueInvoices(tx, [opts]);
  return issued!;
}
