import { expect, test } from '@playwright/test';
import { url } from './e2e-env';

test('pages carry a nonce-based CSP and the security headers, and nothing on them breaks it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  for (const target of [url(''), url('account.', '/sign-in'), url('account.', '/register'), url('admin.', '/sign-in')]) {
    const res = await page.goto(target);
    const h = res!.headers();
    expect(h['content-security-policy'], target).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['x-frame-options']).toBe('DENY');
  }
  // Two loads get two different nonces.
  const a = (await page.goto(url('')))!.headers()['content-security-policy'];
  const b = (await page.goto(url('')))!.headers()['content-security-policy'];
  expect(a).not.toBe(b);
  // The brand colour style (inline, with the nonce) applied.
  await page.goto(url('account.', '/sign-in'));
  const color = await page.getByRole('button', { name: 'Sign in' }).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(color).toBe('rgb(37, 99, 235)');
  expect(violations).toEqual([]);
});

test('session cookies are httpOnly and SameSite', async ({ page, context }) => {
  await page.goto(url('account.', '/sign-in'));
  await page.getByLabel('Email').fill('customer@ezscale.example');
  await page.getByLabel('Password').fill('EzscaleDemo!2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Demo Customer' })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === 'ezs_account_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});
