import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { E2E_ENV, url } from './e2e-env';
import { signInAsCustomer, signInAsStaff } from './helpers';

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

  await page.getByRole('link', { name: /^INV-/ }).first().click();
  await expect(page).toHaveURL(/\/invoices\/inv_/);
  await expect(page.getByRole('link', { name: 'Download PDF' })).toBeVisible();
  const pdf = await page.evaluate(async () => {
    const res = await fetch(`${location.pathname}/pdf`);
    const head = new Uint8Array(await res.arrayBuffer()).slice(0, 4);
    return { status: res.status, type: res.headers.get('content-type'), head: String.fromCharCode(...head) };
  });
  expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF' });

  await page.goto(url('account.', '/services'));
  // Each service is its own row group; cancel the VPS, not the web hosting.
  await page.getByRole('rowgroup').filter({ hasText: 'VPS Starter' }).getByText('Cancel this service').click();
  await page.getByLabel('Tell us why').fill('Moving the project in-house.');
  await page.getByRole('button', { name: /^Cancel VPS Starter/ }).click();
  // The row re-renders with the pending cancellation and the way back.
  await expect(page.getByRole('button', { name: 'Withdraw cancellation' })).toBeVisible();

  await staff.goto(url('admin.', '/settings/billing'));
  await staff.getByLabel('Reminder days before due').fill('5');
  await staff.getByRole('button', { name: 'Save billing settings' }).click();
  await expect(staff.getByText('Saved (1 setting changed).')).toBeVisible();
});
