import { expect, test, type Page } from '@playwright/test';
import { url } from './e2e-env';

async function signIn(page: Page) {
  await page.goto(url('account.', '/sign-in'));
  await page.getByLabel('Email').fill('two-browsers@example.com');
  await page.getByLabel('Password').fill('TessTwo!Password1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Tess Two' })).toBeVisible();
}

test('revoking a session signs that browser out on its next request', async ({ browser }) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1' });
  const a = await laptop.newPage();
  const b = await phone.newPage();
  await signIn(a);
  await signIn(b);

  await a.getByRole('link', { name: 'Sessions' }).click();
  await expect(a.getByText('(this session)')).toBeVisible();
  const phoneRow = a.getByRole('listitem').filter({ hasText: 'Safari on iOS' });
  await phoneRow.getByRole('button', { name: 'Sign out' }).click();
  await expect(a.getByRole('listitem').filter({ hasText: 'Safari on iOS' })).toHaveCount(0);

  await b.reload();
  await expect(b).toHaveURL(url('account.', '/sign-in'));
  await a.reload();
  await expect(a.getByRole('heading', { name: 'Sessions' })).toBeVisible();
  await expect(a.getByText('Signed in').first()).toBeVisible();
  await laptop.close();
  await phone.close();
});
