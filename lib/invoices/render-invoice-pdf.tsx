import { Document, Image, Page, renderToBuffer, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { InvoiceParty } from '@/db/schema/storefront';
import type { InvoiceDetail } from '@/lib/invoices/get-invoice';
import { formatMoney } from '@/lib/money/format';
import { REVERSE_CHARGE_NOTE } from '@/lib/pricing/price-order';
import { summariseTax } from '@/lib/pricing/summarise-tax';
import { formatTaxRate, taxTotalLabel } from '@/lib/tax/format-tax-rate';

export interface InvoicePdfBrand {
  name: string;
  brandColor?: string | null;
  logoUrl?: string | null;
}

const DEFAULT_COLOR = '#2563eb';
// react-pdf decodes PNG and JPEG only; anything else (or a remote URL, which it would fetch) is left out.
const LOGO_DATA_URL = /^data:image\/(png|jpe?g);base64,[A-Za-z0-9+/=\s]+$/;

/**
 * The built-in Helvetica only covers WinAnsi, so characters Intl and our labels use outside it (narrow and thin
 * spaces in fr-FR amounts, the minus sign) are mapped to ones it can draw instead of turning into garbage.
 */
function pdfText(s: string): string {
  return s.replace(/[\u2009\u202f]/g, ' ').replace(/\u2212/g, '-');
}

function lineTaxLabel(tax: InvoiceDetail['lines'][number]['tax']): string {
  if (tax.basis === 'standard') return formatTaxRate(tax.rateMilliPercent);
  return tax.basis === 'reverse_charge' ? 'RC' : '-';
}

const styles = StyleSheet.create({
  page: { padding: 40, fontFamily: 'Helvetica', fontSize: 10, color: '#1f2937' },
  header: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 24 },
  brandName: { fontSize: 18, fontFamily: 'Helvetica-Bold' },
  logo: { maxHeight: 48, maxWidth: 160, marginBottom: 6, objectFit: 'contain' },
  title: { fontSize: 16, fontFamily: 'Helvetica-Bold', textAlign: 'right' },
  muted: { color: '#6b7280' },
  right: { textAlign: 'right' },
  status: { marginTop: 4, textAlign: 'right', fontFamily: 'Helvetica-Bold', textTransform: 'uppercase' },
  parties: { flexDirection: 'row', marginBottom: 24 },
  party: { flex: 1, paddingRight: 16 },
  partyTitle: { color: '#6b7280', fontFamily: 'Helvetica-Bold', marginBottom: 4 },
  tableHead: { flexDirection: 'row', borderBottomWidth: 1, borderBottomColor: '#9ca3af', paddingBottom: 4, color: '#6b7280', fontFamily: 'Helvetica-Bold' },
  row: { flexDirection: 'row', borderBottomWidth: 1, borderBottomColor: '#e5e7eb', paddingVertical: 5 },
  colDescription: { flex: 1, paddingRight: 8 },
  colTax: { width: 60 },
  colAmount: { width: 90, textAlign: 'right' },
  totals: { marginTop: 12, marginLeft: 'auto', width: 240 },
  totalRow: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 2 },
  grandTotal: { fontFamily: 'Helvetica-Bold' },
  balance: { flexDirection: 'row', justifyContent: 'space-between', borderTopWidth: 1, borderTopColor: '#9ca3af', marginTop: 4, paddingTop: 4, fontFamily: 'Helvetica-Bold' },
  note: { marginTop: 24, fontSize: 8, color: '#4b5563' },
});

function Party({ title, party }: { title: string; party: InvoiceParty }) {
  return (
    <View style={styles.party}>
      <Text style={styles.partyTitle}>{title}</Text>
      <Text>{pdfText(party.company ?? party.name)}</Text>
      {party.company ? <Text>{pdfText(party.name)}</Text> : null}
      {party.addressLines.map((l, i) => (
        <Text key={i}>{pdfText(l)}</Text>
      ))}
      <Text>{party.country}</Text>
      {party.taxId ? <Text>Tax ID {pdfText(party.taxId)}</Text> : null}
    </View>
  );
}

function TotalRow({ label, value, bold }: { label: string; value: string; bold?: boolean }) {
  return (
    <View style={bold ? [styles.totalRow, styles.grandTotal] : styles.totalRow}>
      <Text>{pdfText(label)}</Text>
      <Text>{pdfText(value)}</Text>
    </View>
  );
}

function InvoiceDocument({ detail, brand }: { detail: InvoiceDetail; brand: InvoicePdfBrand }) {
  const { invoice, lines, payments } = detail;
  const money = (m: number) => formatMoney(m, invoice.currency, detail.locale, detail.minorDigits);
  const color = brand.brandColor && /^#[0-9a-fA-F]{6}$/.test(brand.brandColor) ? brand.brandColor : DEFAULT_COLOR;
  const logo = brand.logoUrl && LOGO_DATA_URL.test(brand.logoUrl) ? brand.logoUrl : null;
  const taxTotals = summariseTax(lines)
    .filter((t) => t.basis === 'standard')
    .map((t) => ({ label: taxTotalLabel(t), taxMinor: t.taxMinor }));
  const balance = invoice.status === 'void' ? 0 : invoice.totalMinor - invoice.paidMinor;
  const number = invoice.number ?? '(draft)';
  return (
    <Document title={`Invoice ${number}`} author={brand.name} creator={brand.name} producer={brand.name}>
      <Page size="A4" style={styles.page}>
        <View style={styles.header}>
          <View>
            {logo ? <Image src={logo} style={styles.logo} /> : null}
            <Text style={[styles.brandName, { color }]}>{pdfText(brand.name)}</Text>
          </View>
          <View>
            <Text style={styles.title}>Invoice {pdfText(number)}</Text>
            <Text style={[styles.muted, styles.right]}>Issued {invoice.issuedAt?.toISOString().slice(0, 10) ?? '-'}</Text>
            <Text style={[styles.muted, styles.right]}>Due {invoice.dueOn ?? '-'}</Text>
            <Text style={[styles.status, { color }]}>{invoice.status.replace('_', ' ')}</Text>
          </View>
        </View>
        <View style={styles.parties}>
          <Party title="From" party={invoice.seller} />
          <Party title="To" party={invoice.buyer} />
        </View>
        <View style={styles.tableHead} fixed>
          <Text style={styles.colDescription}>Description</Text>
          <Text style={styles.colTax}>Tax</Text>
          <Text style={styles.colAmount}>Amount</Text>
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
          <TotalRow label="Subtotal" value={money(invoice.subtotalMinor)} />
          {taxTotals.map((t) => (
            <TotalRow key={t.label} label={t.label} value={money(t.taxMinor)} />
          ))}
          <TotalRow label="Total" value={money(invoice.totalMinor)} bold />
          {payments.map((p) => (
            <TotalRow key={p.id} label={`Paid (${p.method.replace('_', ' ')}) ${p.createdAt.toISOString().slice(0, 10)}`} value={`-${money(p.amountMinor)}`} />
          ))}
          <View style={styles.balance}>
            <Text>Balance due</Text>
            <Text>{pdfText(money(balance))}</Text>
          </View>
        </View>
        {invoice.reverseCharge ? <Text style={styles.note}>{REVERSE_CHARGE_NOTE}</Text> : null}
      </Page>
    </Document>
  );
}

/**
 * The invoice as a PDF, mirroring components/billing/invoice-view.tsx. Uses only the built-in Helvetica and a
 * data: URL logo, so rendering never touches the network.
 */
export async function renderInvoicePdf(detail: InvoiceDetail, brand: InvoicePdfBrand): Promise<Buffer> {
  return renderToBuffer(<InvoiceDocument detail={detail} brand={brand} />);
}

/** "<number>.pdf" (a draft has no number yet: its public id), limited to characters safe in a header and a file name. */
export function invoicePdfFilename(invoice: Pick<InvoiceDetail['invoice'], 'number' | 'publicId'>): string {
  return `${(invoice.number ?? invoice.publicId).replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
}

/** The route-handler answer: the PDF as a download, never cached (it carries personal data). */
export async function invoicePdfResponse(detail: InvoiceDetail, brand: InvoicePdfBrand): Promise<Response> {
  const pdf = await renderInvoicePdf(detail, brand);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${invoicePdfFilename(detail.invoice)}"`,
      'cache-control': 'private, no-store',
    },
  });
}
