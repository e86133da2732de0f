import { Document, Image, Page, renderToBuffer, Text, View } from '@react-pdf/renderer';
import {
  invoicePdfStyles as styles,
  lineTaxLabel,
  pdfText,
  PDF_DEFAULT_COLOR,
  PDF_LOGO_DATA_URL,
  PdfParty,
  PdfTotalRow,
  type InvoicePdfBrand,
} from '@/lib/invoices/render-invoice-pdf';
import { formatMoney } from '@/lib/money/format';
import { REVERSE_CHARGE_NOTE } from '@/lib/pricing/price-order';
import { summariseTax } from '@/lib/pricing/summarise-tax';
import { taxTotalLabel } from '@/lib/tax/format-tax-rate';
import type { CreditNoteDetail } from './get-credit-note';

const SOURCE_TEXT: Record<CreditNoteDetail['creditNote']['source'], string> = {
  gateway_refund: 'Refunded to the original payment method.',
  credit_refund: 'Refunded as account credit.',
};

function CreditNoteDocument({ detail, brand }: { detail: CreditNoteDetail; brand: InvoicePdfBrand }) {
  const { creditNote: note, lines, invoice } = detail;
  const money = (m: number) => formatMoney(m, note.currency, detail.locale);
  const color = brand.brandColor && /^#[0-9a-fA-F]{6}$/.test(brand.brandColor) ? brand.brandColor : PDF_DEFAULT_COLOR;
  const logo = brand.logoUrl && PDF_LOGO_DATA_URL.test(brand.logoUrl) ? brand.logoUrl : null;
  const taxTotals = summariseTax(lines)
    .filter((t) => t.basis === 'standard')
    .map((t) => ({ label: taxTotalLabel(t), taxMinor: t.taxMinor }));
  const invoiceNumber = invoice.number ?? invoice.publicId;
  return (
    <Document title={`Credit note ${note.number}`} author={brand.name} creator={brand.name} producer={brand.name}>
      <Page size="A4" style={styles.page}>
        <View style={styles.header}>
          <View>
            {logo ? <Image src={logo} style={styles.logo} /> : null}
            <Text style={[styles.brandName, { color }]}>{pdfText(brand.name)}</Text>
          </View>
          <View>
            <Text style={styles.title}>Credit note {pdfText(note.number)}</Text>
            <Text style={[styles.muted, styles.right]}>Credit note for invoice {pdfText(invoiceNumber)}</Text>
            {invoice.issuedAt ? <Text style={[styles.muted, styles.right]}>Invoice issued {invoice.issuedAt.toISOString().slice(0, 10)}</Text> : null}
            <Text style={[styles.muted, styles.right]}>Issued {note.issuedAt.toISOString().slice(0, 10)}</Text>
          </View>
        </View>
        <View style={styles.parties}>
          <PdfParty title="From" party={note.seller} />
          <PdfParty title="To" party={note.buyer} />
        </View>
        <View style={styles.tableHead} fixed>
          <Text style={styles.colDescription}>Description</Text>
          <Text style={styles.colTax}>Tax</Text>
          <Text style={styles.colAmount}>Credited</Text>
        </View>
        {lines.map((l) => (
          <View key={l.id} style={styles.row} wrap={false}>
            <View style={styles.colDescription}>
              <Text>{pdfText(l.description)}</Text>
              {l.periodStart && l.periodEnd ? (
                <Text style={styles.muted}>
                  {l.periodStart} to {l.periodEnd}
                </Text>
              ) : null}
            </View>
            <Text style={styles.colTax}>{lineTaxLabel(l.tax)}</Text>
            <Text style={styles.colAmount}>{pdfText(money(l.amountMinor))}</Text>
          </View>
        ))}
        <View style={styles.totals} wrap={false}>
          <PdfTotalRow label="Subtotal" value={money(note.subtotalMinor)} />
          {taxTotals.map((t) => (
            <PdfTotalRow key={t.label} label={t.label} value={money(t.taxMinor)} />
          ))}
          <View style={styles.balance}>
            <Text>Total credited</Text>
            <Text>{pdfText(money(note.totalMinor))}</Text>
          </View>
        </View>
        <Text style={styles.note}>
          {SOURCE_TEXT[note.source]} Reason: {pdfText(note.reason)}
        </Text>
        {note.reverseCharge ? <Text style={styles.note}>{REVERSE_CHARGE_NOTE}</Text> : null}
      </Page>
    </Document>
  );
}

/** The credit note as a PDF, laid out like the invoice's; built-in Helvetica and a data: URL logo only (no network). */
export async function renderCreditNotePdf(detail: CreditNoteDetail, brand: InvoicePdfBrand): Promise<Buffer> {
  return renderToBuffer(<CreditNoteDocument detail={detail} brand={brand} />);
}

/** The route-handler answer of both areas: "<number>.pdf" as a download, never cached (it carries personal data). */
export async function creditNotePdfResponse(detail: CreditNoteDetail, brand: InvoicePdfBrand): Promise<Response> {
  const pdf = await renderCreditNotePdf(detail, brand);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${detail.creditNote.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
}
