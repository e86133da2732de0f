import { expect, test } from '@playwright/test';
import { E2E_PORT, url } from './e2e-env';
import { signInAsStaff } from './helpers';

test('the marketing site says what the storefront sells', async ({ page }) => {
  await page.goto(url(''));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('EZSCALE Hosting');
  for (const group of ['VPS', 'Dedicated Servers', 'Web Hosting', 'Game Servers', 'Cloud Desktops']) {
    await expect(page.getByRole('heading', { name: group, exact: true })).toBeVisible();
  }
});

test('the customer area signs in the demo customer and signs out', async ({ page }) => {
  await page.goto(url('account.'));
  await expect(page).toHaveURL(url('account.', '/sign-in'));
  await expect(page.getByRole('heading', { name: 'Sign in to your account' })).toBeVisible();

  await page.getByLabel('Email').fill('customer@ezscale.example');
  await page.getByLabel('Password').fill('wrong password here');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Email or password is incorrect.')).toBeVisible();

  await page.getByLabel('Password').fill('EzscaleDemo!2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Demo Customer' })).toBeVisible();
  await expect(page.getByText(/cus_[0-9a-z]{20}/)).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(url('account.', '/sign-in'));
  await page.goto(url('account.'));
  await expect(page).toHaveURL(url('account.', '/sign-in'));
});

test('the admin panel signs in staff and shows the dashboard', async ({ page }) => {
  await page.goto(url('admin.'));
  await expect(page.getByRole('heading', { name: 'Staff sign in' })).toBeVisible();
  await signInAsStaff(page, 'admin.localhost', 'admin@ezscale.example', 'EzscaleDemo!2026');
  await page.getByRole('link', { name: 'Storefronts' }).click();
  await expect(page.getByRole('cell', { name: 'acme', exact: true })).toBeVisible();
});

test('a customer cannot sign in on the admin host, nor staff on the account host', async ({ page }) => {
  await page.goto(url('admin.', '/sign-in'));
  await page.getByLabel('Email').fill('customer@ezscale.example');
  await page.getByLabel('Password').fill('EzscaleDemo!2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Email or password is incorrect.')).toBeVisible();

  await page.goto(url('account.', '/sign-in'));
  await page.getByLabel('Email').fill('admin@ezscale.example');
  await page.getByLabel('Password').fill('EzscaleDemo!2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
});

test('an area path on another area host is a 404, and an unknown host names no storefront', async ({ request }) => {
  for (const [host, path] of [
    ['localhost', '/admin'],
    ['localhost', '/account/sign-in'],
    ['account.localhost', '/admin/sign-in'],
    ['admin.localhost', '/account'],
    ['admin.localhost', '/admin/sign-in'],
  ] as const) {
    // Node does not resolve *.localhost, so connect to loopback and name the host.
    const res = await request.get(`http://127.0.0.1:${E2E_PORT}${path}`, { headers: { host: `${host}:${E2E_PORT}` }, maxRedirects: 0 });
    expect(res.status(), `${host}${path}`).toBe(404);
  }
  const unknown = await request.get(`http://127.0.0.1:${E2E_PORT}/`, { headers: { host: 'unknown.example' } });
  expect(unknown.status()).toBe(404);
  const body = await unknown.text();
  expect(body).not.toContain('EZSCALE');
  expect(body).not.toContain('Acme');
});

test('health reports the database and Redis', async ({ request }) => {
  const res = await request.get(`http://127.0.0.1:${E2E_PORT}/api/health`);
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, db: 'up', redis: 'up' });
});
