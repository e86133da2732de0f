import { Document, Page, renderToBuffer, View } from '@react-pdf/renderer';
import { invoiceDocument, type BillingDocument, type InvoiceDocumentExtras } from '@/lib/invoices/billing-document';
import type { InvoiceDetail } from '@/lib/invoices/get-invoice';
import { DocumentFooter, DocumentHeader, LinesTable, NotesBlock, PartiesBlock, PaymentInstructions, styles, TaxSummaryTable, TotalsBlock, type InvoicePdfBrand } from './pdf/document-parts';

export type { InvoicePdfBrand } from './pdf/document-parts';

/** Any billing document (invoice, credit note) as a PDF page flow: header, parties, lines, tax and totals, payment, footer. */
function BillingDocumentPdf({ doc, brand }: { doc: BillingDocument; brand: InvoicePdfBrand }) {
  return (
    <Document title={`${doc.title} ${doc.number}`} author={brand.name} creator={brand.name} producer={brand.name}>
      <Page size="A4" style={styles.page}>
        <DocumentHeader doc={doc} brand={brand} />
        <PartiesBlock seller={doc.seller} buyer={doc.buyer} />
        <LinesTable lines={doc.lines} />
        <View style={styles.lower}>
          <TaxSummaryTable rows={doc.taxSummary} />
          <TotalsBlock totals={doc.totals} totalLabel={doc.totalLabel} balance={doc.balance} />
        </View>
        <NotesBlock notes={doc.notes} />
        <PaymentInstructions payment={doc.payment} />
        <DocumentFooter lines={doc.footer} />
      </Page>
    </Document>
  );
}

/**
 * A billing document as a PDF, mirroring components/billing/invoice-view.tsx. Uses only the built-in Helvetica and
 * a data: URL logo, so rendering never touches the network.
 */
export async function renderBillingDocumentPdf(doc: BillingDocument, brand: InvoicePdfBrand): Promise<Buffer> {
  return renderToBuffer(<BillingDocumentPdf doc={doc} brand={brand} />);
}

/** The invoice as a PDF; `extras` (getInvoiceDocumentExtras) add the payment instructions and the footer. */
export async function renderInvoicePdf(detail: InvoiceDetail, brand: InvoicePdfBrand, extras?: InvoiceDocumentExtras): Promise<Buffer> {
  return renderBillingDocumentPdf(invoiceDocument(detail, extras), brand);
}

/** "<number>.pdf" (a draft has no number yet: its public id), limited to characters safe in a header and a file name. */
export function invoicePdfFilename(invoice: Pick<InvoiceDetail['invoice'], 'number' | 'publicId'>): string {
  return `${(invoice.number ?? invoice.publicId).replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
}

/** A rendered document as a route-handler download, never cached (it carries personal data). */
export function pdfDownloadResponse(pdf: Buffer, filename: string): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}

/** The route-handler answer: the invoice PDF as a download. */
export async function invoicePdfResponse(detail: InvoiceDetail, brand: InvoicePdfBrand, extras?: InvoiceDocumentExtras): Promise<Response> {
  return pdfDownloadResponse(await renderInvoicePdf(detail, brand, extras), invoicePdfFilename(detail.invoice));
}
