import { expect, test } from '@playwright/test';
import { signInAsStaff } from './helpers';
import { url } from './e2e-env';

test('staff see their own second factors, sessions and sign-in history', async ({ page }) => {
  await signInAsStaff(page, 'admin.localhost', 'admin@ezscale.example', 'EzscaleDemo!2026');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click();
  await expect(page).toHaveURL(url('admin.', '/security'));
  await expect(page.getByRole('heading', { name: 'Your security' })).toBeVisible();
  await expect(page.getByText(/of 10 recovery codes left/)).toBeVisible();
  await expect(page.getByText('(this session)')).toBeVisible();
  await expect(page.getByText('Signed in').first()).toBeVisible();
});
