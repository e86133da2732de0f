import { inArray, sql } from 'drizzle-orm';
import { idIn } from '@/lib/db/id-in';
import { type customers, invoiceLines, invoices, type FrozenTax, type InvoiceLineKind, type InvoiceParty } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { publicId } from '@/lib/ids/public-id';
import { bulkInsert } from '@/lib/db/bulk-insert';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import { addDays, toDateString } from '@/lib/dates/calendar-days';
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
  /** Usage lines: the exact chargeable quantity and unit price (minor units) as decimal strings. */
  quantityPrecise?: string | null;
  unitPricePrecise?: string | null;
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

/** The seller as the invoice freezes it: legal name, address, VAT number and company registration. */
export function sellerParty(settings: CommerceSettings): InvoiceParty {
  const number = settings.sellerRegistrationNumber?.trim();
  return {
    name: settings.sellerName,
    company: null,
    email: null,
    addressLines: settings.sellerAddressLines,
    country: settings.sellerCountry,
    taxId: settings.sellerTaxId,
    registration: number ? { number, place: settings.sellerRegistrationPlace?.trim() || null } : null,
  };
}

/** The buyer as the invoice freezes it: name, company, address and VAT number from the customer's profile. */
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

/** An invoice written but not yet numbered: what a caller needs to attach its own rows. */
export interface UnnumberedInvoice {
  id: number;
  publicId: string;
  totalMinor: number;
}

/**
 * Batches that take numbers from one series in a fixed order while their transactions run side by side: a batch
 * waits for the one before it to have taken its numbers, and the counter row it then asks for stays locked until
 * that transaction commits, so the numbers follow the batches' order however the transactions are scheduled.
 */
export interface NumberingTurn {
  /** Resolves when this batch may take its numbers. */
  wait: Promise<void>;
  /** Called as soon as this batch holds its numbers. */
  taken: () => void;
  /** Waiting longer than this throws NumberingTurnTimeout, for the caller to roll back and wait without locks. */
  patienceMs: number;
}

export class NumberingTurnTimeout extends Error {
  constructor() {
    super('Gave up waiting for the numbering turn while holding locks.');
    this.name = 'NumberingTurnTimeout';
  }
}

async function waitForTurn(turn: NumberingTurn): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new NumberingTurnTimeout()), turn.patienceMs)));
  try {
    await Promise.race([turn.wait, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface IssueInvoicesOptions {
  /** Runs after the invoices and lines are written and before numbers are taken: the caller's own rows. */
  beforeNumbering?: (drafts: UnnumberedInvoice[]) => Promise<void>;
  turn?: NumberingTurn;
}

/**
 * Creates issued (unpaid) invoices with their lines and gap-free numbers, inside the caller's transaction, in a
 * few multi-row statements however many there are. All must share the issue moment (one numbering series).
 * Totals are the sums of the lines as given; the pricing engine already rounded each line once. Numbers are taken
 * last, as the counter row stays locked until the transaction ends: everything written before it can overlap
 * another transaction's numbering and commit.
 */
export async function issueInvoices(tx: SfDb, batch: IssueInvoiceOptions[], opts: IssueInvoicesOptions = {}): Promise<IssuedInvoice[]> {
  if (!batch.length) return [];
  const { settings, now } = batch[0]!;
  const sellers = new Map<CommerceSettings, InvoiceParty>();
  const rows = batch.map((o) => {
    let seller = sellers.get(o.settings);
    if (!seller) sellers.set(o.settings, (seller = sellerParty(o.settings)));
    const subtotalMinor = o.lines.reduce((sum, l) => sum + l.amountMinor, 0);
    const taxMinor = o.lines.reduce((sum, l) => sum + l.taxMinor, 0);
    return {
      publicId: publicId('inv'),
      customerId: o.customer.id,
      number: null,
      status: 'unpaid' as const,
      currency: o.currency,
      taxInclusive: o.settings.taxInclusive,
      reverseCharge: o.reverseCharge,
      subtotalMinor,
      taxMinor,
      totalMinor: subtotalMinor + taxMinor,
      buyer: buyerParty(o.customer),
      seller,
      issuedAt: o.now,
      dueOn: o.dueOn ?? addDays(toDateString(o.now), o.dueInDays),
    };
  });
  await bulkInsert(tx, invoices, rows);
  const ids = new Map(
    (await tx.select({ id: invoices.id, publicId: invoices.publicId }).from(invoices).where(inArray(invoices.publicId, rows.map((r) => r.publicId)))).map((r) => [r.publicId, r.id]),
  );
  const drafts = rows.map((r) => ({ id: ids.get(r.publicId)!, publicId: r.publicId, totalMinor: r.totalMinor }));
  const lineRows = batch.flatMap((o, i) =>
    o.lines.map((l, n) => ({
      invoiceId: drafts[i]!.id,
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
      quantityPrecise: l.quantityPrecise ?? null,
      unitPricePrecise: l.unitPricePrecise ?? null,
      sortOrder: n,
    })),
  );
  await bulkInsert(tx, invoiceLines, lineRows);
  await opts.beforeNumbering?.(drafts);

  if (opts.turn) await waitForTurn(opts.turn);
  const numbers = await takeInvoiceNumbers(tx, settings.invoiceNumberFormat, now, batch.length);
  opts.turn?.taken();
  await tx
    .update(invoices)
    .set({ number: sql`CASE ${invoices.id} ${sql.join(drafts.map((d, i) => sql`WHEN ${d.id} THEN ${numbers[i]!}`), sql` `)} END` })
    .where(idIn(invoices.id, drafts.map((d) => d.id)));
  return drafts.map((d, i) => ({ ...d, number: numbers[i]! }));
}

export async function issueInvoice(tx: SfDb, opts: IssueInvoiceOptions): Promise<IssuedInvoice> {
  const [issued] = await issueInvoices(tx, [opts]);
  return issued!;
}
