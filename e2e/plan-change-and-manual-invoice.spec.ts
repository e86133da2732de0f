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
  // The price shown before confirming, checked against the rule: EUR 6.00 → 11.00 a month, the difference for
  // the days left (rounded half away from zero), plus 19 % German VAT on it.
  const preview = page.getByTestId('plan-change-preview');
  const [remaining, total] = (await preview.locator('dd').nth(0).innerText()).split(' of ').map(Number) as [number, number];
  expect(remaining).toBe(total - 10);
  const net = Math.round((500 * remaining) / total);
  const vat = Math.round((net * 19) / 100);
  const minorOf = async (i: number) => Number((await preview.locator('dd').nth(i).innerText()).replace(/\D/g, ''));
  expect(await minorOf(1)).toBe(net);
  expect(await minorOf(2)).toBe(vat);
  expect(await minorOf(3)).toBe(net + vat);
  expect(await minorOf(4)).toBe(1100);
  await page.getByRole('button', { name: 'Confirm and invoice' }).click();
  await expect(page.getByText('A change is waiting for payment').or(page.getByTestId('invoice-status'))).toBeVisible();
  await page.goto(url('account.', '/invoices'));
  await expect(page.getByRole('cell', { name: 'unpaid' })).toHaveCount(1);
  // The invoice asks for exactly the price that was shown.
  await page.getByRole('row').filter({ hasText: 'unpaid' }).getByRole('link').first().click();
  await expect(page.getByTestId('invoice-total')).toBeVisible();
  expect(Number((await page.getByTestId('invoice-total').innerText()).replace(/\D/g, ''))).toBe(net + vat);

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

  await page.goto(url('account.', '/invoices'));
  await expect(page.getByRole('cell', { name: 'unpaid' })).toHaveCount(2);
});

test('staff move a service to another plan free of charge; the price changes from the next renewal', async ({ page }) => {
  await signInAsStaff(page, 'admin.localhost', 'admin@ezscale.example', 'EzscaleDemo!2026');
  await page.goto(url('admin.', '/services?customer=plan-move%40example.com'));
  await page.getByRole('link', { name: /VPS Starter/ }).first().click();
  const form = page.getByRole('region', { name: 'Change plan' });
  await expect(form.getByText(/Now VPS Starter at/)).toBeVisible();
  await form.getByLabel('New plan').selectOption('vps-standard');
  // Billing has no default: submitting without it is refused and nothing changes.
  await form.getByLabel('Reason (kept in the audit log)').fill('E2E: goodwill upgrade');
  await form.getByRole('button', { name: 'Change plan' }).click();
  await expect(page.getByText('Billing must be chosen')).toBeVisible();
  await form.getByLabel('New plan').selectOption('vps-standard');
  await form.getByLabel(/No charge/).check();
  await form.getByLabel('Reason (kept in the audit log)').fill('E2E: goodwill upgrade');
  await form.getByRole('button', { name: 'Change plan' }).click();
  await expect(page.getByText(/Plan changed to VPS Standard; .+ from \d{4}-\d{2}-\d{2}\./)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Change plan' }).getByText(/Now VPS Standard at/)).toBeVisible();
  await page.goto(url('admin.', '/audit?action=service.plan_changed'));
  await expect(page.getByText('service.plan_changed').first()).toBeVisible();
});
