import { describe, expect, it } from 'vitest';
import { pdfText } from '@/tests/helpers/pdf-text';
import { tinyPng } from '@/tests/helpers/tiny-png';
import { renderInvoicePdf } from './render-invoice-pdf';
import { extras, renewalDetail, sampleDetail } from './test-fixtures';

/** The PDF's text with every run of whitespace as one space, so wrapped lines read as one sentence. */
const flatText = async (pdf: Buffer) => (await pdfText(pdf)).replace(/\s+/g, ' ');

const hasImageXObject = (pdf: Buffer) => /\/Subtype\s*\/Image/.test(pdf.toString('latin1'));

describe('renderInvoicePdf', () => {
  it('renders a PDF document', async () => {
    const pdf = await renderInvoicePdf(sampleDetail(), { name: 'Alpha Hosting', brandColor: '#16a34a' });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(1024);
    expect(hasImageXObject(pdf)).toBe(false);
  });

  it('embeds a PNG logo given as a data URL as an image XObject', async () => {
    const logoUrl = `data:image/png;base64,${tinyPng().toString('base64')}`;
    const pdf = await renderInvoicePdf(sampleDetail(), { name: 'Alpha Hosting', brandColor: '#16a34a', logoUrl });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(hasImageXObject(pdf)).toBe(true);
  });

  it('renders a reverse-charge invoice in a locale with narrow spaces, ignoring a remote logo', async () => {
    const pdf = await renderInvoicePdf(
      { ...sampleDetail({ reverseCharge: true, number: null, status: 'draft' }), locale: 'fr-FR' },
      { name: 'Alpha Hosting', brandColor: 'not-a-colour', logoUrl: 'https://example.com/logo.png' },
    );
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(1024);
    expect(hasImageXObject(pdf)).toBe(false);
  });

  it('states number, dates, both parties, each line with its period, the tax per rate, totals and how to pay', async () => {
    const text = await flatText(await renderInvoicePdf(renewalDetail(), { name: 'Alpha Hosting' }, extras));
    for (const expected of [
      'Invoice INV-2026-0001',
      'Issue date 01.03.2026',
      'Service period 01.03.2026 – 31.03.2026',
      'Due date 15.03.2026',
      // The seller: legal name, address, VAT number and company registration.
      'Alpha Hosting B.V. Serverstraat 1 1011 AB Amsterdam Netherlands VAT ID NL000099998B57 Registration KvK 12345678, Kamer van Koophandel Amsterdam',
      // The buyer: company, contact, address and VAT number.
      'Buyer GmbH Ann Buyer Hauptstr. 1 10115 Berlin Germany VAT ID DE123456789',
      'VPS Standard – svc1.example.com 01.03.2026 – 31.03.2026 19 % 11,00 €',
      'Operating system: Windows Server 2022 01.03.2026 – 31.03.2026 19 % 14,00 €',
      'Extra IPv4 addresses × 2 2 × 3,00 € 01.03.2026 – 31.03.2026 19 % 6,00 €',
      // Taxable amount, rate and tax per rate: 11 + 14 + 6 = 31,00 €; 2,09 + 2,66 + 1,14 = 5,89 €.
      'Tax summary Tax Rate Taxable Amount VAT 19 % 31,00 € 5,89 €',
      'Subtotal 31,00 €',
      'Total 36,89 €',
      'Balance due 36,89 €',
      'Please pay 36,89 € by 15.03.2026, quoting INV-2026-0001.',
      'Pay online: https://account.alpha.test/invoices/inv_sample1',
      'Bank transfer Alpha Hosting B.V. IBAN NL91 ABNA 0417 1643 00 BIC ABNANL2A Reference: INV-2026-0001',
      'Alpha Hosting B.V. · Directors: A. Alpha, B. Beta support@alpha.test',
      'Page 1 of 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Reverse charge');
  });

  it('prints both VAT numbers, no VAT and the reverse-charge sentence on an EU B2B reverse-charge invoice', async () => {
    const rc = { ruleId: null, name: 'VAT reverse charge', country: 'DE', region: '', rateMilliPercent: 0, basis: 'reverse_charge' as const };
    const text = await flatText(await renderInvoicePdf(renewalDetail({ reverseCharge: true, taxMinor: 0, totalMinor: 3_100 }, rc), { name: 'Alpha Hosting' }, extras));
    expect(text).toContain('VAT ID NL000099998B57');
    expect(text).toContain('VAT ID DE123456789');
    expect(text).toContain('VPS Standard – svc1.example.com 01.03.2026 – 31.03.2026 RC 11,00 €');
    expect(text).toContain('VAT reverse charge 0 % 31,00 € 0,00 €');
    expect(text).toContain('Total 31,00 €');
    expect(text).toContain('Reverse charge: VAT to be accounted for by the recipient under Article 196 of Council Directive 2006/112/EC.');
  });

  it('asks for no payment once the invoice is paid, and shows the payment', async () => {
    const paid = renewalDetail({ status: 'paid', paidMinor: 3_689 });
    const at = new Date('2026-03-02T08:00:00Z');
    const text = await flatText(await renderInvoicePdf({ ...paid, payments: [{ id: 1, invoiceId: 1, method: 'bank_transfer', currency: 'EUR', amountMinor: 3_689, reference: null, transactionId: null, createdAt: at }] }, { name: 'Alpha Hosting' }, extras));
    expect(text).toContain('Paid (bank transfer) 02.03.2026 -36,89 €');
    expect(text).toContain('Balance due 0,00 €');
    expect(text).not.toContain('Pay online');
    expect(text).not.toContain('Bank transfer');
  });

  it('writes dates and amounts in the locale of the invoice', async () => {
    const text = await flatText(await renderInvoicePdf({ ...renewalDetail({ currency: 'USD' }), locale: 'en-US' }, { name: 'Alpha Hosting' }));
    expect(text).toContain('Issue date Mar 1, 2026');
    expect(text).toContain('Total $36.89');
  });
});
