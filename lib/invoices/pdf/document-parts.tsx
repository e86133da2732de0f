import { Font, Image, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { BillingDocument, DocumentLine, DocumentParty, DocumentPayment, DocumentRow, DocumentTaxRow } from '@/lib/invoices/billing-document';
import { DEFAULT_BRAND_COLOR } from '@/lib/branding/default-brand-color';

// The parts of a billing document's PDF (invoice, credit note), each drawing one block of a BillingDocument.

// Names, VAT numbers, IBANs and URLs must never be split with an inserted hyphen: long words wrap whole.
Font.registerHyphenationCallback((word) => [word]);

export interface InvoicePdfBrand {
  name: string;
  brandColor?: string | null;
  logoUrl?: string | null;
}

// react-pdf decodes PNG and JPEG only; anything else (or a remote URL, which it would fetch) is left out.
const LOGO_DATA_URL = /^data:image\/(png|jpe?g);base64,[A-Za-z0-9+/=\s]+$/;

export function brandColor(brand: InvoicePdfBrand): string {
  return brand.brandColor && /^#[0-9a-fA-F]{6}$/.test(brand.brandColor) ? brand.brandColor : DEFAULT_BRAND_COLOR;
}

/**
 * The built-in Helvetica only covers WinAnsi, so characters Intl and our labels use outside it (narrow and thin
 * spaces in fr-FR amounts, the minus sign) are mapped to ones it can draw instead of turning into garbage.
 */
export function pdfText(s: string): string {
  return s.replace(/[\u2009\u202f]/g, ' ').replace(/\u2212/g, '-');
}

export const styles = StyleSheet.create({
  page: { paddingTop: 40, paddingHorizontal: 40, paddingBottom: 72, fontFamily: 'Helvetica', fontSize: 10, color: '#1f2937' },
  header: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 24 },
  brandName: { fontSize: 18, fontFamily: 'Helvetica-Bold' },
  logo: { maxHeight: 48, maxWidth: 160, marginBottom: 6, objectFit: 'contain' },
  title: { fontSize: 16, fontFamily: 'Helvetica-Bold', textAlign: 'right', marginBottom: 4 },
  muted: { color: '#6b7280' },
  right: { textAlign: 'right' },
  status: { marginTop: 4, textAlign: 'right', fontFamily: 'Helvetica-Bold', textTransform: 'uppercase' },
  parties: { flexDirection: 'row', marginBottom: 24 },
  party: { flex: 1, paddingRight: 16 },
  heading: { color: '#6b7280', fontFamily: 'Helvetica-Bold', marginBottom: 4 },
  tableHead: { flexDirection: 'row', borderBottomWidth: 1, borderBottomColor: '#9ca3af', paddingBottom: 4, color: '#6b7280', fontFamily: 'Helvetica-Bold' },
  row: { flexDirection: 'row', borderBottomWidth: 1, borderBottomColor: '#e5e7eb', paddingVertical: 5 },
  subRow: { flexDirection: 'row', borderBottomWidth: 1, borderBottomColor: '#f3f4f6', paddingVertical: 3, paddingLeft: 12, color: '#4b5563' },
  colDescription: { flex: 1, paddingRight: 8 },
  colTax: { width: 60 },
  colAmount: { width: 90, textAlign: 'right' },
  lower: { flexDirection: 'row', justifyContent: 'space-between', marginTop: 12 },
  taxSummary: { width: 270 },
  colRateLabel: { flex: 1, paddingRight: 6 },
  colRate: { width: 45 },
  colMoney: { width: 70, textAlign: 'right' },
  totals: { width: 220 },
  totalRow: { flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 2 },
  strong: { fontFamily: 'Helvetica-Bold' },
  balance: { flexDirection: 'row', justifyContent: 'space-between', borderTopWidth: 1, borderTopColor: '#9ca3af', marginTop: 4, paddingTop: 4, fontFamily: 'Helvetica-Bold' },
  block: { marginTop: 20 },
  note: { marginTop: 16, fontSize: 8, color: '#4b5563' },
  footer: { position: 'absolute', bottom: 24, left: 40, right: 40, borderTopWidth: 1, borderTopColor: '#e5e7eb', paddingTop: 6, fontSize: 7, color: '#6b7280' },
});

export function DocumentHeader({ doc, brand }: { doc: BillingDocument; brand: InvoicePdfBrand }) {
  const color = brandColor(brand);
  const logo = brand.logoUrl && LOGO_DATA_URL.test(brand.logoUrl) ? brand.logoUrl : null;
  return (
    <View style={styles.header}>
      <View>
        {logo ? <Image src={logo} style={styles.logo} /> : null}
        <Text style={[styles.brandName, { color }]}>{pdfText(brand.name)}</Text>
      </View>
      <View>
        <Text style={styles.title}>
          {pdfText(doc.title)} {pdfText(doc.number)}
        </Text>
        {doc.dates.map((d) => (
          <Text key={d.label} style={[styles.muted, styles.right]}>
            {pdfText(`${d.label} ${d.value}`)}
          </Text>
        ))}
        {doc.status ? <Text style={[styles.status, { color }]}>{doc.status}</Text> : null}
      </View>
    </View>
  );
}

function Party({ party }: { party: DocumentParty }) {
  return (
    <View style={styles.party}>
      <Text style={styles.heading}>{party.title}</Text>
      {party.lines.map((l, i) => (
        <Text key={i}>{pdfText(l)}</Text>
      ))}
    </View>
  );
}

export function PartiesBlock({ seller, buyer }: { seller: DocumentParty; buyer: DocumentParty }) {
  return (
    <View style={styles.parties}>
      <Party party={seller} />
      <Party party={buyer} />
    </View>
  );
}

export function LinesTable({ lines }: { lines: DocumentLine[] }) {
  return (
    <View>
      <View style={styles.tableHead} fixed>
        <Text style={styles.colDescription}>Description</Text>
        <Text style={styles.colTax}>Tax</Text>
        <Text style={styles.colAmount}>Amount</Text>
      </View>
      {lines.map((l) => (
        <View key={l.key} style={l.sub ? styles.subRow : styles.row} wrap={false}>
          <View style={styles.colDescription}>
            <Text>{pdfText(l.description)}</Text>
            {l.units ? <Text style={styles.muted}>{pdfText(l.units)}</Text> : null}
            {l.period ? <Text style={styles.muted}>{pdfText(l.period)}</Text> : null}
          </View>
          <Text style={styles.colTax}>{pdfText(l.taxLabel)}</Text>
          <Text style={styles.colAmount}>{pdfText(l.amount)}</Text>
        </View>
      ))}
    </View>
  );
}

export function TaxSummaryTable({ rows }: { rows: DocumentTaxRow[] }) {
  return (
    <View style={styles.taxSummary} wrap={false}>
      <Text style={styles.heading}>Tax summary</Text>
      <View style={styles.tableHead}>
        <Text style={styles.colRateLabel}>Tax</Text>
        <Text style={styles.colRate}>Rate</Text>
        <Text style={styles.colMoney}>Taxable</Text>
        <Text style={styles.colMoney}>Amount</Text>
      </View>
      {rows.map((r) => (
        <View key={`${r.label}|${r.rate}`} style={styles.row}>
          <Text style={styles.colRateLabel}>{pdfText(r.label)}</Text>
          <Text style={styles.colRate}>{pdfText(r.rate)}</Text>
          <Text style={styles.colMoney}>{pdfText(r.taxable)}</Text>
          <Text style={styles.colMoney}>{pdfText(r.tax)}</Text>
        </View>
      ))}
    </View>
  );
}

export function TotalsBlock({ totals, totalLabel, balance }: { totals: DocumentRow[]; totalLabel: string; balance: DocumentRow | null }) {
  return (
    <View style={styles.totals} wrap={false}>
      {totals.map((t) => (
        <View key={t.label} style={t.label === totalLabel ? [styles.totalRow, styles.strong] : styles.totalRow}>
          <Text>{pdfText(t.label)}</Text>
          <Text>{pdfText(t.value)}</Text>
        </View>
      ))}
      {balance ? (
        <View style={styles.balance}>
          <Text>{pdfText(balance.label)}</Text>
          <Text>{pdfText(balance.value)}</Text>
        </View>
      ) : null}
    </View>
  );
}

export function NotesBlock({ notes }: { notes: string[] }) {
  return (
    <>
      {notes.map((n) => (
        <Text key={n} style={styles.note}>
          {pdfText(n)}
        </Text>
      ))}
    </>
  );
}

export function PaymentInstructions({ payment }: { payment: DocumentPayment | null }) {
  if (!payment) return null;
  return (
    <View style={styles.block} wrap={false}>
      <Text style={styles.heading}>How to pay</Text>
      <Text>{pdfText(payment.request)}</Text>
      {payment.payUrl ? <Text>{pdfText(`Pay online: ${payment.payUrl}`)}</Text> : null}
      {payment.bankInstructions ? (
        <View style={{ marginTop: 6 }}>
          <Text style={styles.strong}>Bank transfer</Text>
          {payment.bankInstructions.split(/\r?\n/).map((l, i) => (
            <Text key={i}>{pdfText(l)}</Text>
          ))}
          <Text>{pdfText(`Reference: ${payment.reference}`)}</Text>
        </View>
      ) : null}
    </View>
  );
}

/** On every page: the storefront's footer text and the page count. */
export function DocumentFooter({ lines }: { lines: string[] }) {
  return (
    <View style={styles.footer} fixed>
      {lines.map((l, i) => (
        <Text key={i}>{pdfText(l)}</Text>
      ))}
      <Text style={styles.right} render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
    </View>
  );
}
