import { expect, test } from '@playwright/test';
import { signInAsStaff } from './helpers';
import { url } from './e2e-env';

test('staff sign in as a customer with a reason: banner on every page, no security settings, audited start and end', async ({ page }) => {
  await signInAsStaff(page, 'admin.localhost', 'admin@ezscale.example', 'EzscaleDemo!2026');
  await page.goto(url('admin.', '/customers?q=customer@ezscale.example'));
  await page.getByText('Sign in as Demo Customer').click();
  await page.getByLabel('Reason (recorded in the audit log)').fill('short');
  await page.getByRole('button', { name: 'Sign in as customer' }).click();
  await expect(page.getByText('must say why, in at least 10 characters')).toBeVisible();
  await page.getByLabel('Reason (recorded in the audit log)').fill('Ticket 1234: customer cannot find their profile');
  await page.getByRole('button', { name: 'Sign in as customer' }).click();
  // The hand-off link only shows a button: the token is used on a POST, never on the GET.
  await page.getByRole('button', { name: 'Continue as the customer' }).click();

  await expect(page).toHaveURL(url('account.', '/'));
  const banner = page.getByText('is signed in as customer@ezscale.example');
  await expect(banner).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Welcome, Demo Customer' })).toBeVisible();
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(banner).toBeVisible();
  await expect(page.getByText('Password, email, data export and account closure are only available to the customer.')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' })).toHaveCount(0);
  for (const path of ['/security', '/sessions']) {
    const res = await page.goto(url('account.', path));
    expect(res?.status(), path).toBe(404);
  }

  await page.goto(url('account.', '/'));
  await page.getByRole('button', { name: 'End staff view' }).click();
  await expect(page).toHaveURL(url('admin.', '/customers'));
  await page.goto(url('account.', '/'));
  await expect(page).toHaveURL(url('account.', '/sign-in'));

  await page.goto(url('admin.', '/audit?targetType=customer'));
  await expect(page.getByRole('cell', { name: 'impersonation.started' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'impersonation.ended' })).toBeVisible();
});
