import { expect, test } from '@playwright/test';
import { E2E_PORT, url } from './e2e-env';

const ADMIN_PATHS = ['/', '/alerts', '/emails', '/audit', '/system', '/storefronts', '/closures', '/audit-export', '/enrol-two-factor'];

test('a customer session opens nothing on the admin host, even with its token replayed as the admin cookie', async ({ page, context, request }) => {
  await page.goto(url('account.', '/sign-in'));
  await page.getByLabel('Email').fill('customer@ezscale.example');
  await page.getByLabel('Password').fill('EzscaleDemo!2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Demo Customer' })).toBeVisible();
  const token = (await context.cookies()).find((c) => c.name === 'ezs_account_session')!.value;

  for (const path of ADMIN_PATHS) {
    // Node does not resolve *.localhost: connect to loopback and name the admin host.
    const res = await request.get(`http://127.0.0.1:${E2E_PORT}${path}`, {
      headers: { host: `admin.localhost:${E2E_PORT}`, cookie: `ezs_admin_session=${token}; ezs_account_session=${token}` },
      maxRedirects: 0,
    });
    const status = res.status();
    expect([303, 307, 403, 404], `${path} answered ${status}`).toContain(status);
    if (status === 303 || status === 307) expect(res.headers()['location'], path).toMatch(/\/sign-in$/);
  }
});
