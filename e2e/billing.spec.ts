import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { pdfText } from '../tests/helpers/pdf-text';
import { E2E_ENV, url } from './e2e-env';
import { signInAsCustomer, signInAsStaff } from './helpers';

/** Clicks the invoice page's own "Download PDF" link and returns the downloaded file's name and text (whitespace runs as one space). */
async function downloadInvoicePdf(page: Page): Promise<{ filename: string; text: string }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  const download = await downloading;
  const path = await download.path();
  return { filename: download.suggestedFilename(), text: (await pdfText(await readFile(path))).replace(/\s+/g, ' ') };
}

// The demo storefront's seller (lib/setup/seed-seller.ts), as every invoice must name it.
const DEMO_SELLER = 'EZSCALE Hosting GmbH Friedrichstraße 123 10117 Berlin Germany VAT ID DE123456789 Registration HRB 234567 B, Amtsgericht Berlin-Charlottenburg';

test('renewals, add funds paid by bank transfer, mass payment of both renewals from credit, PDF, cancellation and billing settings', async ({ browser, page }) => {
  test.setTimeout(120_000);
  // The worker's five-minute pass may have run already; another pass changes nothing then (exactly once).
  execFileSync('bin/ezscale', ['billing:run', '--storefront', 'ezscale', '--json'], { env: { ...process.env, ...E2E_ENV } });

  await signInAsCustomer(page, 'billing@example.com', 'BillIng!Password1', 'Bill Ing');

  await page.getByRole('link', { name: 'Services' }).click();
  await expect(page.getByRole('cell', { name: /VPS Starter/ }).first()).toBeVisible();
  await page.getByRole('link', { name: 'Invoices', exact: true }).click();
  // The VPS and the web hosting renewed: two unpaid invoices.
  const unpaidRows = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'unpaid', exact: true }) });
  await expect(unpaidRows).toHaveCount(2);
  const renewals = await unpaidRows.getByRole('link', { name: /^INV-/ }).allTextContents();
  expect(renewals).toHaveLength(2);

  await page.getByRole('link', { name: 'Credit' }).click();
  await page.getByLabel('Amount').fill('30.00');
  await page.getByRole('button', { name: 'Create invoice' }).click();
  await expect(page).toHaveURL(/\/invoices\/inv_/);
  await expect(page.getByTestId('invoice-status')).toHaveText('unpaid');
  const fundsInvoice = new URL(page.url()).pathname;
  // Unpaid, its PDF says how to pay: online at this very page, or by bank transfer quoting its number.
  const funds = await downloadInvoicePdf(page);
  const fundsNumber = funds.filename.replace(/\.pdf$/, '');
  expect(funds.text).toContain(`Invoice ${fundsNumber}`);
  expect(funds.text).toContain(DEMO_SELLER);
  expect(funds.text).toContain(`Pay online: ${url('account.', fundsInvoice)}`);
  expect(funds.text).toContain(`Bank transfer Account holder: EZSCALE Hosting GmbH IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX (Commerzbank Berlin) Reference: ${fundsNumber}`);

  const staff = await browser.newPage();
  await signInAsStaff(staff, 'admin.localhost', 'admin@ezscale.example', 'EzscaleDemo!2026');
  await staff.goto(url('admin.', fundsInvoice));
  await staff.getByLabel('Reference').fill('SEPA E2E 1');
  await staff.getByRole('button', { name: 'Record bank transfer' }).click();
  // The page re-renders as paid (the card turns into the refund card).
  await expect(staff.getByTestId('invoice-status')).toHaveText('paid');
  await expect(staff.getByRole('button', { name: 'Refund to account credit' })).toBeVisible();

  await page.goto(url('account.', '/credit'));
  await expect(page.getByTestId('credit-balances')).toContainText('30,00');
  await page.goto(url('account.', '/invoices'));
  // Both renewals are ticked; one click pays them both from the credit just added.
  await expect(page.getByTestId('mass-pay-total')).toContainText('2 selected');
  for (const number of renewals) await expect(page.getByRole('checkbox', { name: new RegExp(number) })).toBeChecked();
  await page.getByRole('button', { name: 'Pay selected from credit' }).click();
  await expect(page.getByRole('cell', { name: 'unpaid', exact: true })).toHaveCount(0);
  for (const number of renewals) {
    await expect(page.getByRole('row').filter({ has: page.getByRole('link', { name: number, exact: true }) }).getByRole('cell', { name: 'paid', exact: true })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Pay selected from credit' })).toHaveCount(0);

  // Each renewal's PDF through its page's own Download link; the VPS one is checked line by line.
  const renewalPdfs = [];
  for (const number of renewals) {
    await page.goto(url('account.', '/invoices'));
    await page.getByRole('link', { name: number, exact: true }).click();
    await expect(page).toHaveURL(/\/invoices\/inv_/);
    const pdf = await downloadInvoicePdf(page);
    expect(pdf.filename).toBe(`${number}.pdf`);
    renewalPdfs.push(pdf);
  }
  // The renewal as a legal document: number, both parties, the plan and the option it bills over the service
  // period, VAT per rate, the payment from credit and the storefront's footer.
  const renewal = renewalPdfs.find((p) => p.text.includes('VPS Starter'))!;
  expect(renewal).toBeDefined();
  const renewalNumber = renewal.filename.replace(/\.pdf$/, '');
  expect(renewal.text).toContain(`Invoice ${renewalNumber}`);
  expect(renewal.text).toMatch(/Issue date \d{2}\.\d{2}\.\d{4} Service period \d{2}\.\d{2}\.\d{4} – \d{2}\.\d{2}\.\d{4}/);
  expect(renewal.text).toContain(DEMO_SELLER);
  expect(renewal.text).toContain('To Bill Ing');
  expect(renewal.text).toMatch(/VPS Starter – svc\d+\.example\.com \d{2}\.\d{2}\.\d{4} – \d{2}\.\d{2}\.\d{4} 19 % 6,00 €/);
  expect(renewal.text).toMatch(/Operating system: Ubuntu 24\.04 \d{2}\.\d{2}\.\d{4} – \d{2}\.\d{2}\.\d{4} 19 % 0,00 €/);
  expect(renewal.text).toContain('VAT 19 % 6,00 € 1,14 €');
  expect(renewal.text).toContain('Total 7,14 €');
  expect(renewal.text).toMatch(/Paid \(credit\) \d{2}\.\d{2}\.\d{4} -7,14 € Balance due 0,00 €/);
  expect(renewal.text).not.toContain('Pay online');
  expect(renewal.text).toContain('EZSCALE Hosting GmbH · Managing director: Erika Mustermann');

  await page.goto(url('account.', '/services'));
  // Each service is its own row group; cancel the VPS, not the web hosting.
  const vpsRow = page.getByRole('rowgroup').filter({ hasText: 'VPS Starter' });
  await vpsRow.getByText('Cancel this service').click();
  await vpsRow.getByLabel('Tell us why').fill('Moving the project in-house.');
  await page.getByRole('button', { name: /^Cancel VPS Starter/ }).click();
  // The row re-renders with the pending cancellation and the way back.
  await expect(page.getByRole('button', { name: 'Withdraw cancellation' })).toBeVisible();

  await staff.goto(url('admin.', '/settings/billing'));
  await staff.getByLabel('Reminder days before due').fill('5');
  await staff.getByRole('button', { name: 'Save billing settings' }).click();
  await expect(staff.getByText('Saved (1 setting changed).')).toBeVisible();
});
