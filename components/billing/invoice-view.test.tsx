import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { extras, renewalDetail } from '@/lib/invoices/test-fixtures';
import { InvoiceView } from './invoice-view';

/** The page's text, tags and entities out, whitespace runs as one space. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe('InvoiceView', () => {
  it('shows on the page what the PDF prints: parties, periods, options, tax per rate and how to pay', () => {
    const html = renderToStaticMarkup(<InvoiceView detail={renewalDetail()} extras={extras} />);
    const text = textOf(html);
    for (const expected of [
      'Invoice INV-2026-0001',
      'Service period 01.03.2026 – 31.03.2026',
      'VAT ID NL000099998B57',
      'Registration KvK 12345678, Kamer van Koophandel Amsterdam',
      'Buyer GmbH Ann Buyer Hauptstr. 1 10115 Berlin Germany VAT ID DE123456789',
      'Operating system: Windows Server 2022 01.03.2026 – 31.03.2026 19 % 14,00 €',
      'VAT 19 % 31,00 € 5,89 €',
      'Please pay 36,89 € by 15.03.2026, quoting INV-2026-0001.',
      'IBAN NL91 ABNA 0417 1643 00',
      'Alpha Hosting B.V. · Directors: A. Alpha, B. Beta',
    ]) {
      expect(text).toContain(expected);
    }
    expect(html).toContain('href="https://account.alpha.test/invoices/inv_sample1"');
    expect(html).toContain('data-testid="bank-transfer"');
    expect(html).toMatch(/data-testid="invoice-total">36,89\s€</);
  });

  it('shows the reverse-charge sentence and no payment request once paid', () => {
    const text = textOf(renderToStaticMarkup(<InvoiceView detail={renewalDetail({ reverseCharge: true, status: 'paid', paidMinor: 3_689 })} extras={extras} />));
    expect(text).toContain('Reverse charge: VAT to be accounted for by the recipient under Article 196 of Council Directive 2006/112/EC.');
    expect(text).not.toContain('How to pay');
  });
});
