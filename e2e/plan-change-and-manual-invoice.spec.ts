import { expect, test } from '@playwright/test';
import { url } from './e2e-env';
import { signInAsCustomer, signInAsStaff } from './helpers';

test('a customer upgrades mid-period with the exact price shown first; staff invoice extra work by hand', async ({ browser, page }) => {
  test.setTimeout(120_000);
  await signInAsCustomer(page, 'upgrade@example.com', 'UnaUpgrade!Password1', 'Una Upgrade');

  await page.getByRole('link', { name: 'Services' }).click();
  await page.getByRole('link', { name: 'Change plan' }).first().click();
  await expect(page.getByRole('heading', { name: /^Change plan – VPS Starter/ })).toBeVisible();
  await page.getByLabel('Plan').selectOption('vps-standard');
  await page.getByRole('button', { name: 'Show price' }).click();
  await expect(page.getByRole('heading', { name: 'Upgrade to VPS Standard' })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm and invoice' }).click();
  await expect(page.getByText('A change is waiting for payment').or(page.getByTestId('invoice-status'))).toBeVisible();
  await page.goto(url('account.', '/invoices'));
  await expect(page.getByRole('cell', { name: 'unpaid' })).toHaveCount(1);

  const staff = await browser.newPage();
  await signInAsStaff(staff, 'admin.localhost', 'admin@ezscale.example', 'EzscaleDemo!2026');
  await staff.goto(url('admin.', '/customers?q=upgrade%40example.com'));
  await staff.getByRole('link', { name: 'Una Upgrade' }).click();
  await staff.getByRole('button', { name: 'Create draft invoice' }).click();
  await expect(staff.getByRole('heading', { name: 'Draft invoice' })).toBeVisible();
  await staff.getByLabel('Line 1 description').fill('Migration work');
  await staff.getByLabel('Line 1 quantity').fill('2');
  await staff.getByLabel('Line 1 unit amount').fill('50.00');
  await staff.getByRole('button', { name: 'Save lines' }).click();
  await expect(staff.getByRole('cell', { name: 'Migration work' })).toBeVisible();
  await staff.getByRole('button', { name: 'Issue invoice' }).click();
  await expect(staff.getByTestId('invoice-status')).toHaveText('unpaid');
  // 2 × 50.00 plus 19 % German VAT.
  await expect(staff.getByTestId('invoice-total')).toHaveText('119,00 €');
  await staff.getByRole('button', { name: 'Resend email' }).click();

  await page.reload();
  await expect(page.getByRole('cell', { name: 'unpaid' })).toHaveCount(2);
});
