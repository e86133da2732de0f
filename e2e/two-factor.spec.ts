import { expect, test, type Page } from '@playwright/test';
import { url } from './e2e-env';
import { answerTwoFactor, enrolTotp } from './helpers';

const EMAIL = 'totp@example.com';
const PASSWORD = 'TinaTotp!Password1';
const welcome = (page: Page) => page.getByRole('heading', { name: 'Welcome, Tina Totp' });

async function signInWithPassword(page: Page) {
  await page.goto(url('account.', '/sign-in'));
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(url('account.', '/sign-in'));
}

test('a customer enrols TOTP, then signing in asks for a code; a recovery code works once', async ({ page }) => {
  test.setTimeout(120_000);
  await signInWithPassword(page);
  await expect(welcome(page)).toBeVisible();

  await page.goto(url('account.', '/security'));
  await expect(page.getByRole('heading', { name: 'Security' })).toBeVisible();
  // A malformed code is refused with a clear message before anything else happens.
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await page.getByLabel('Code from the app').fill('12 34');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
  await page.reload();
  const recoveryCodes = await enrolTotp(page, EMAIL);
  expect(recoveryCodes).toHaveLength(10);
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(page.getByText('10 of 10 recovery codes left')).toBeVisible();
  await signOut(page);

  // The password alone now leads to the second step, and a pending sign-in opens nothing else.
  await signInWithPassword(page);
  await expect(page).toHaveURL(url('account.', '/two-factor'));
  await page.goto(url('account.', '/security'));
  await expect(page).toHaveURL(url('account.', '/sign-in'));
  await page.goto(url('account.', '/two-factor'));
  await page.getByLabel('Authentication code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('That code is not valid.')).toBeVisible();
  await answerTwoFactor(page, EMAIL);
  await expect(welcome(page)).toBeVisible();
  await signOut(page);

  await signInWithPassword(page);
  await expect(page).toHaveURL(url('account.', '/two-factor'));
  await page.getByLabel('Authentication code').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(welcome(page)).toBeVisible();
  await page.goto(url('account.', '/security'));
  await expect(page.getByText('9 of 10 recovery codes left')).toBeVisible();
  await signOut(page);

  await signInWithPassword(page);
  await expect(page).toHaveURL(url('account.', '/two-factor'));
  await page.getByLabel('Authentication code').fill(recoveryCodes[0]!);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('That code is not valid.')).toBeVisible();
  await page.goto(url('account.', '/'));
  await expect(page).toHaveURL(url('account.', '/sign-in'));
});

test('staff without two-factor authentication must enrol before reaching any admin page', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(url('admin.', '/sign-in'));
  await page.getByLabel('Email').fill('new-staff@ezscale.example');
  await page.getByLabel('Password').fill('NewStaff!Password1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(url('admin.', '/enrol-two-factor'));
  await expect(page.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible();
  for (const path of ['/', '/emails', '/system']) {
    await page.goto(url('admin.', path));
    await expect(page, path).toHaveURL(url('admin.', '/enrol-two-factor'));
  }

  const codes = await enrolTotp(page, 'new-staff@ezscale.example');
  expect(codes).toHaveLength(10);
  await page.getByRole('link', { name: 'Continue to the dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard', exact: true })).toBeVisible();
  await page.goto(url('admin.', '/emails'));
  await expect(page.getByRole('heading', { name: 'Emails' })).toBeVisible();
  // Enrolled staff cannot go back to the enrolment page to replace their authenticator.
  await page.goto(url('admin.', '/enrol-two-factor'));
  await expect(page.getByRole('heading', { name: 'Dashboard', exact: true })).toBeVisible();
});
