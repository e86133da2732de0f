import { expect, test, type Page } from '@playwright/test';
import { url } from './e2e-env';
import { signInAsStaff, tokenLinkFromMail } from './helpers';

async function planStock(page: Page): Promise<string> {
  await page.goto(url('admin.', '/catalog'));
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'VPS Standard', exact: true }) });
  return (await row.getByRole('cell').nth(3).textContent())!.trim();
}

test('a visitor prices a VPS in EUR annually, configures it, applies a coupon, registers inline and orders', async ({ browser, page, request }) => {
  test.setTimeout(120_000);
  // Staff put ten VPS Standard on the shelf first, so the order visibly takes one.
  const staff = await browser.newPage();
  await signInAsStaff(staff, 'admin.localhost', 'admin@ezscale.example', 'EzscaleDemo!2026');
  await staff.goto(url('admin.', '/catalog'));
  await staff.getByRole('link', { name: 'VPS Standard', exact: true }).click();
  await staff.getByLabel('Stock').fill('10');
  await staff.getByRole('button', { name: 'Save plan' }).click();
  await expect(staff.getByText(/saved/i).first()).toBeVisible();
  expect(await planStock(staff)).toBe('10');

  await page.goto(url('', '/pricing'));
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByRole('button', { name: 'Show prices' }).click();
  await page.getByRole('navigation', { name: 'Billing cycle' }).first().getByRole('link', { name: 'Annually', exact: true }).click();
  await expect(page).toHaveURL(/currency=EUR/);
  await expect(page).toHaveURL(/cycle=annual/);
  await page.getByRole('link', { name: 'Order VPS Standard' }).first().click();

  await expect(page.getByRole('heading', { name: 'VPS Standard' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Annually/ })).toBeChecked();
  const os = page.getByLabel('Operating system');
  await os.selectOption((await os.locator('option', { hasText: 'Windows Server 2022' }).getAttribute('value'))!);
  await page.getByLabel(/Extra IPv4 addresses/).fill('2');
  await page.getByLabel('Hostname').fill('web1.example.com');
  await page.getByLabel('Hostname').blur();
  const summary = page.getByTestId('order-summary');
  await expect(summary).toContainText('Operating system: Windows Server 2022');
  await expect(summary).toContainText('Extra IPv4 addresses × 2');
  await page.getByRole('button', { name: 'Add to cart' }).click();

  await expect(page.getByRole('heading', { name: 'Your cart' })).toBeVisible();
  await page.getByLabel('Coupon code').fill('nosuchcode');
  await page.getByRole('button', { name: 'Apply coupon' }).click();
  await expect(page.getByText('There is no coupon NOSUCHCODE.')).toBeVisible();
  await page.getByLabel('Coupon code').fill('welcome10');
  await page.getByRole('button', { name: 'Apply coupon' }).click();
  await expect(page.getByText('Coupon WELCOME10').first()).toBeVisible();

  const email = `buyer-${Date.now()}@example.com`;
  const register = page.getByRole('region', { name: 'Sign in or register' });
  await register.getByLabel('Full name').fill('Berta Buyer');
  await register.getByLabel('Email').nth(1).fill(email);
  await register.getByLabel('Password').nth(1).fill('lilac-orchard-93-beacons');
  await register.getByLabel('Country (2-letter code)').fill('DE');
  await register.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(`we sent a link to ${email}`)).toBeVisible();

  await page.goto(await tokenLinkFromMail(request, email, '/verify-email'));
  await page.getByRole('button', { name: 'Confirm email address' }).click();
  await expect(page.getByText(`${email} is confirmed`)).toBeVisible();

  await page.goto(url('account.', '/cart'));
  await register.getByLabel('Email').first().fill(email);
  await register.getByLabel('Password').first().fill('lilac-orchard-93-beacons');
  await register.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
  await expect(page.getByText('Tax is calculated for DE')).toBeVisible();
  await expect(page.getByText(/VAT 19 %/)).toBeVisible();
  const cartTotal = (await page.getByTestId('cart-total').textContent())!.trim();
  expect(cartTotal).toMatch(/€/);

  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByText('Please accept the terms of service.')).toBeVisible();
  await page.getByLabel('I accept the terms of service.').check();
  await page.getByRole('button', { name: 'Place order' }).click();

  await expect(page).toHaveURL(/\/invoices\/inv_/);
  await expect(page.getByTestId('invoice-status')).toHaveText('unpaid');
  await expect(page.getByTestId('invoice-total')).toHaveText(cartTotal);
  await expect(page.getByTestId('invoice-balance')).toHaveText(cartTotal);
  const lines = page.getByRole('table').getByRole('row');
  await expect(lines.filter({ hasText: 'VPS Standard – web1.example.com' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'Operating system: Windows Server 2022' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'Coupon WELCOME10' })).toHaveCount(1);
  // Every enabled way to pay is offered (a new customer has no credit to spend).
  await expect(page.getByRole('button', { name: 'Pay by card' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pay with PayPal' })).toBeVisible();

  expect(await planStock(staff)).toBe('9');
  await staff.goto(url('admin.', '/orders'));
  await expect(staff.getByText(email).first()).toBeVisible();
});

test('the cart refuses tampered form posts and unknown plans with a clear message', async ({ page }) => {
  await page.goto(url('account.', '/order/no-such-plan'));
  await expect(page.getByRole('heading', { name: /not found|404/i })).toBeVisible();
  await page.goto(url('account.', '/order/vps-starter?currency=GBP&cycle=monthly'));
  await page.getByLabel('Hostname').fill('bad host name!');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText(/Hostname must be a hostname/).first()).toBeVisible();
});
