import { expect, test } from '@playwright/test';
import { E2E_PORT } from './e2e-env';
import { signInAsStaff } from './helpers';

const acme = (sub: string, path = '/') => `http://${sub}acme.localhost:${E2E_PORT}${path}`;

test('a reseller storefront shows only its own data on its own hosts', async ({ page }) => {
  await page.goto(acme(''));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Hosting');
  await expect(page.getByText('Game servers for your guild.')).toBeVisible();
  // The retail storefront's catalog lives in another database and must not show here.
  await expect(page.getByText('No products are on sale yet.')).toBeVisible();
  await expect(page.getByText('EZSCALE')).toHaveCount(0);
});

test('logins of one storefront do not work on another', async ({ page }) => {
  await page.goto(acme('admin.', '/sign-in'));
  await page.getByLabel('Email').fill('admin@ezscale.example');
  await page.getByLabel('Password').fill('EzscaleDemo!2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Email or password is incorrect.')).toBeVisible();

  await signInAsStaff(page, 'admin.acme.localhost', 'owner@acme.example', 'AcmeOwner!2026');
  // Resellers do not manage the platform's storefronts.
  await expect(page.getByRole('link', { name: 'Storefronts' })).toHaveCount(0);
  const res = await page.goto(acme('admin.', '/storefronts'));
  expect(res?.status()).toBe(404);
});
