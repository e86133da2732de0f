import { toDateString } from '@/lib/dates/calendar-days';
import { formatDay } from '@/lib/dates/format-day';
import { documentLines, partyLines, type BillingDocument, type DocumentRow } from '@/lib/invoices/billing-document';
import { pdfDownloadResponse, renderBillingDocumentPdf, type InvoicePdfBrand } from '@/lib/invoices/render-invoice-pdf';
import { formatMoney } from '@/lib/money/format';
import { REVERSE_CHARGE_NOTE } from '@/lib/pricing/price-order';
import { summariseTax } from '@/lib/pricing/summarise-tax';
import { taxTotalLabel } from '@/lib/tax/format-tax-rate';
import type { CreditNoteDetail } from './get-credit-note';

const SOURCE_TEXT: Record<CreditNoteDetail['creditNote']['source'], string> = {
  gateway_refund: 'Refunded to the original payment method.',
  credit_refund: 'Refunded as account credit.',
};

/**
 * The credit note as a billing document, laid out like its invoice (lib/invoices/billing-document.ts): its own
 * number and issue date, the invoice it credits, both parties as frozen on the invoice, each credited line with its
 * period, tax per rate and the total credited.
 */
export function creditNoteDocument(detail: CreditNoteDetail): BillingDocument {
  const { creditNote: note, invoice, locale } = detail;
  const money = (m: number) => formatMoney(m, note.currency, locale, detail.minorDigits);
  const day = (d: Date) => formatDay(toDateString(d), locale);
  const lines = detail.lines.map((l) => ({ ...l, quantity: 1, kind: 'adjustment' as const }));
  const { lines: rows, taxSummary } = documentLines(lines, note.currency, locale, detail.minorDigits);
  const dates: DocumentRow[] = [
    { label: 'Issue date', value: day(note.issuedAt) },
    { label: 'Credits invoice', value: invoice.number ?? invoice.publicId },
  ];
  if (invoice.issuedAt) dates.push({ label: 'Invoice issued', value: day(invoice.issuedAt) });
  const totals: DocumentRow[] = [{ label: 'Subtotal', value: money(note.subtotalMinor) }];
  for (const t of summariseTax(lines)) if (t.basis === 'standard') totals.push({ label: taxTotalLabel(t), value: money(t.taxMinor) });
  totals.push({ label: 'Total credited', value: money(note.totalMinor) });
  return {
    title: 'Credit note',
    number: note.number,
    status: null,
    dates,
    seller: { title: 'From', lines: partyLines(note.seller) },
    buyer: { title: 'To', lines: partyLines(note.buyer) },
    lines: rows,
    taxSummary,
    totals,
    totalLabel: 'Total credited',
    balance: null,
    notes: [`Credit note for invoice ${invoice.number ?? invoice.publicId}. ${SOURCE_TEXT[note.source]} Reason: ${note.reason}`, ...(note.reverseCharge ? [REVERSE_CHARGE_NOTE] : [])],
    payment: null,
    footer: [],
  };
}

/** The credit note as a PDF, in the invoice's layout. */
export async function renderCreditNotePdf(detail: CreditNoteDetail, brand: InvoicePdfBrand): Promise<Buffer> {
  return renderBillingDocumentPdf(creditNoteDocument(detail), brand);
}

/** The route-handler answer of both areas: "<number>.pdf" as a download, never cached (it carries personal data). */
export async function creditNotePdfResponse(detail: CreditNoteDetail, brand: InvoicePdfBrand): Promise<Response> {
  return pdfDownloadResponse(await renderCreditNotePdf(detail, brand), `${detail.creditNote.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`);
}
