import type { FrozenTax, InvoiceParty } from '@/db/schema/storefront';
import { toDateString } from '@/lib/dates/calendar-days';
import { formatDay } from '@/lib/dates/format-day';
import { formatMoney } from '@/lib/money/format';
import { REVERSE_CHARGE_NOTE } from '@/lib/pricing/price-order';
import { summariseTax } from '@/lib/pricing/summarise-tax';
import { isEuCountry } from '@/lib/tax/eu';
import { formatTaxRate, taxTotalLabel } from '@/lib/tax/format-tax-rate';
import { describeInvoicePayment } from './describe-invoice-payment';
import type { InvoiceDetail } from './get-invoice';

/*
 * A billing document (an invoice, and a credit note built the same way) as the web page and the PDF both show it:
 * every date and amount already formatted for the document's locale, so the two can never disagree. What EU VAT
 * Directive Art. 226 asks for has a place here: the number, issue date, date of supply or service period, both
 * parties' names, addresses and VAT numbers, each line with its period, taxable amount, rate and tax per rate, and
 * the reverse-charge wording.
 */

export interface DocumentParty {
  title: string;
  /** Name first, then company contact, address, country, VAT number and registration, one per line. */
  lines: string[];
}

export interface DocumentLine {
  key: string;
  description: string;
  /** "01.03.2026 – 31.03.2026" for lines billing a period. */
  period: string | null;
  /** "2 × 3,00 €": quantity and unit price, for lines of more than one unit. */
  units: string | null;
  taxLabel: string;
  amount: string;
  /** An option of the line above (shown indented under its plan). */
  sub: boolean;
}

export interface DocumentTaxRow {
  /** The tax's name: "VAT", "VAT reverse charge", "Tax exempt". */
  label: string;
  rate: string;
  taxable: string;
  tax: string;
}

export interface DocumentRow {
  label: string;
  value: string;
}

export interface DocumentPayment {
  /** "Please pay 31,89 € by 15.03.2026." */
  request: string;
  reference: string;
  payUrl: string | null;
  bankInstructions: string | null;
}

export interface BillingDocument {
  /** "Invoice", "Credit note". */
  title: string;
  /** The number, or "(draft)". */
  number: string;
  status: string | null;
  dates: DocumentRow[];
  seller: DocumentParty;
  buyer: DocumentParty;
  lines: DocumentLine[];
  taxSummary: DocumentTaxRow[];
  totals: DocumentRow[];
  /** The grand total row of `totals`, by label, for emphasis. */
  totalLabel: string;
  balance: DocumentRow | null;
  notes: string[];
  payment: DocumentPayment | null;
  footer: string[];
}

/** What an invoice shows beyond its own rows, from the storefront's settings at the time it is shown. */
export interface InvoiceDocumentExtras {
  /** The customer-area page of the invoice, where it can be paid online. */
  payUrl: string | null;
  /** When bank transfer is enabled: the account details to pay to. */
  bankInstructions: string | null;
  footer: string;
}

const NO_EXTRAS: InvoiceDocumentExtras = { payUrl: null, bankInstructions: null, footer: '' };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A party's lines as the document prints them; the registration only ever appears for the seller. */
export function partyLines(party: InvoiceParty): string[] {
  const lines = [party.company ?? party.name];
  if (party.company) lines.push(party.name);
  lines.push(...party.addressLines, countryName(party.country));
  if (party.taxId) lines.push(`${isEuCountry(party.country) ? 'VAT ID' : 'Tax ID'} ${party.taxId}`);
  if (party.registration) lines.push(`Registration ${[party.registration.number, party.registration.place].filter(Boolean).join(', ')}`);
  return lines;
}

function lineTaxLabel(tax: FrozenTax): string {
  if (tax.basis === 'standard') return formatTaxRate(tax.rateMilliPercent);
  return tax.basis === 'reverse_charge' ? 'RC' : '–';
}

type Line = InvoiceDetail['lines'][number];
/** What a document needs of a line: an invoice line, or a credit note's line shaped like one. */
export type DocumentSourceLine = Pick<Line, 'id' | 'description' | 'periodStart' | 'periodEnd' | 'quantity' | 'amountMinor' | 'taxMinor' | 'tax' | 'kind'>;

export function periodText(start: string, end: string, locale: string): string {
  return `${formatDay(start, locale)} – ${formatDay(end, locale)}`;
}

/** The lines with their periods and amounts, and the tax summary: one row per rate with its taxable amount. */
export function documentLines(lines: readonly DocumentSourceLine[], currency: string, locale: string, minorDigits: number): { lines: DocumentLine[]; taxSummary: DocumentTaxRow[] } {
  const money = (m: number) => formatMoney(m, currency, locale, minorDigits);
  return {
    lines: lines.map((l) => ({
      key: String(l.id),
      description: l.description,
      period: l.periodStart && l.periodEnd ? periodText(l.periodStart, l.periodEnd, locale) : null,
      // Only where the unit price is a whole number of minor units, as it is for every option line (unit × quantity).
      units: l.quantity > 1 && l.amountMinor % l.quantity === 0 ? `${l.quantity} × ${money(l.amountMinor / l.quantity)}` : null,
      taxLabel: lineTaxLabel(l.tax),
      amount: money(l.amountMinor),
      sub: l.kind === 'option',
    })),
    taxSummary: summariseTax(lines).map((t) => ({ label: t.name, rate: formatTaxRate(t.rateMilliPercent), taxable: money(t.taxableMinor), tax: money(t.taxMinor) })),
  };
}

/** The service period the whole document covers (its lines' first start to last end), or null when none has one. */
function servicePeriod(lines: readonly Line[]): { start: string; end: string } | null {
  const starts = lines.flatMap((l) => (l.periodStart && l.periodEnd ? [l.periodStart] : [])).sort();
  const ends = lines.flatMap((l) => (l.periodStart && l.periodEnd ? [l.periodEnd] : [])).sort();
  return starts.length ? { start: starts[0]!, end: ends[ends.length - 1]! } : null;
}

/** The invoice as a document; `title` lets a credit note reuse the whole layout. */
export function invoiceDocument(detail: InvoiceDetail, extras: InvoiceDocumentExtras = NO_EXTRAS, opts: { title?: string } = {}): BillingDocument {
  const { invoice, lines, payments, locale, minorDigits } = detail;
  const money = (m: number) => formatMoney(m, invoice.currency, locale, minorDigits);
  const day = (d: string) => formatDay(d, locale);
  const issued = invoice.issuedAt ? toDateString(invoice.issuedAt) : null;
  const period = servicePeriod(lines);
  const dates: DocumentRow[] = [{ label: 'Issue date', value: issued ? day(issued) : '–' }];
  if (period) dates.push({ label: 'Service period', value: periodText(period.start, period.end, locale) });
  else if (issued) dates.push({ label: 'Date of supply', value: day(issued) });
  if (invoice.dueOn) dates.push({ label: 'Due date', value: day(invoice.dueOn) });

  const { lines: rows, taxSummary } = documentLines(lines, invoice.currency, locale, minorDigits);
  const totals: DocumentRow[] = [{ label: 'Subtotal', value: money(invoice.subtotalMinor) }];
  for (const t of summariseTax(lines)) if (t.basis === 'standard') totals.push({ label: taxTotalLabel(t), value: money(t.taxMinor) });
  totals.push({ label: 'Total', value: money(invoice.totalMinor) });
  for (const p of payments) {
    // A chargeback is a negative payment: money taken back, adding to the balance due.
    const row = describeInvoicePayment(p, (d) => day(toDateString(d)));
    totals.push({ label: row.label, value: `${row.reversal ? '+' : '−'}${money(row.amountMinor)}` });
  }
  const balanceMinor = invoice.status === 'void' ? 0 : invoice.totalMinor - invoice.paidMinor;
  const reference = invoice.number ?? invoice.publicId;
  const payable = invoice.status === 'unpaid' && balanceMinor > 0;

  return {
    title: opts.title ?? 'Invoice',
    number: invoice.number ?? '(draft)',
    status: invoice.status.replace('_', ' '),
    dates,
    seller: { title: 'From', lines: partyLines(invoice.seller) },
    buyer: { title: 'To', lines: partyLines(invoice.buyer) },
    lines: rows,
    taxSummary,
    totals,
    totalLabel: 'Total',
    balance: { label: 'Balance due', value: money(balanceMinor) },
    notes: invoice.reverseCharge ? [REVERSE_CHARGE_NOTE] : [],
    payment: payable
      ? {
          request: `Please pay ${money(balanceMinor)}${invoice.dueOn ? ` by ${day(invoice.dueOn)}` : ''}, quoting ${reference}.`,
          reference,
          payUrl: extras.payUrl,
          bankInstructions: extras.bankInstructions?.trim() || null,
        }
      : null,
    footer: extras.footer
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  };
}
