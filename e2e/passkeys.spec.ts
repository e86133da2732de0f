import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { url } from './e2e-env';

// Chromium's virtual authenticator (over CDP) stands in for a platform authenticator with a PIN or biometrics:
// it keeps discoverable credentials and reports the user as verified.
async function addVirtualAuthenticator(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

test('a customer adds a passkey, renames it, signs in with the passkey alone, then removes it', async ({ context, page }) => {
  test.setTimeout(60_000);
  await addVirtualAuthenticator(context, page);
  await page.goto(url('account.', '/sign-in'));
  await page.getByLabel('Email').fill('passkey@example.com');
  await page.getByLabel('Password').fill('PatPasskey!Password1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Pat Passkey' })).toBeVisible();

  await page.goto(url('account.', '/security'));
  await expect(page.getByText('No passkeys yet.')).toBeVisible();
  await page.getByLabel('Passkey name').fill('Test laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  const list = page.getByRole('list', { name: 'Passkeys' });
  await expect(list.getByText('Test laptop')).toBeVisible();
  await expect(list.getByText('not used yet')).toBeVisible();

  await page.getByRole('button', { name: 'Rename Test laptop' }).click();
  await page.getByLabel('New name').fill('Work laptop');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(list.getByText('Work laptop')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(url('account.', '/sign-in'));
  await page.getByRole('button', { name: 'Continue with a passkey' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Pat Passkey' })).toBeVisible();
  await page.goto(url('account.', '/security'));
  await expect(list.getByText(/last used \d{4}-\d{2}-\d{2}/)).toBeVisible();
  await page.getByRole('button', { name: 'Remove Work laptop' }).click();
  await page.getByRole('button', { name: 'Confirm removal' }).click();
  await expect(page.getByText('No passkeys yet.')).toBeVisible();
});

test('staff without two-factor authentication enrol with a passkey and then sign in with it', async ({ context, page }) => {
  test.setTimeout(60_000);
  await addVirtualAuthenticator(context, page);
  await page.goto(url('admin.', '/sign-in'));
  await page.getByLabel('Email').fill('passkey-staff@ezscale.example');
  await page.getByLabel('Password').fill('PasskeyStaff!Password1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(url('admin.', '/enrol-two-factor'));

  await page.getByLabel('Passkey name').fill('Admin key');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  const dashboard = page.getByRole('heading', { name: 'Dashboard', exact: true });
  await expect(dashboard).toBeVisible();
  await page.goto(url('admin.', '/enrol-two-factor'));
  await expect(dashboard).toBeVisible();

  // With a passkey as the only second factor, the password alone no longer signs in; the passkey does.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(url('admin.', '/sign-in'));
  await page.getByLabel('Email').fill('passkey-staff@ezscale.example');
  await page.getByLabel('Password').fill('PasskeyStaff!Password1');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('This account signs in with a passkey')).toBeVisible();
  await page.getByRole('button', { name: 'Continue with a passkey' }).click();
  await expect(dashboard).toBeVisible();
});
