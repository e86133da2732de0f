import { expect, test } from '@playwright/test';
import { url } from './e2e-env';
import { tokenLinkFromMail } from './helpers';

test('register, confirm the email from the sandbox mailbox, sign in, and edit the profile', async ({ page, request }) => {
  const email = `newcomer-${Date.now()}@example.com`;
  await page.goto(url('account.', '/sign-in'));
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Full name').fill('Nora Newcomer');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('password123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Password is too common')).toBeVisible();
  // The form kept what was typed, except the password.
  await expect(page.getByLabel('Email')).toHaveValue(email);

  await page.getByLabel('Password').fill('lilac-orchard-93-beacons');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(`we sent a link to ${email}`)).toBeVisible();

  await page.goto(await tokenLinkFromMail(request, email, '/verify-email'));
  await page.getByRole('button', { name: 'Confirm email address' }).click();
  await expect(page.getByText(`${email} is confirmed`)).toBeVisible();

  await page.goto(url('account.', '/sign-in'));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('lilac-orchard-93-beacons');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Nora Newcomer' })).toBeVisible();
  await expect(page.getByText('(verified)')).toBeVisible();

  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByLabel('Company').fill('Nora Networks');
  await page.getByLabel('Country (2-letter code)').fill('D1');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Country (2-letter code) must be a two-letter country code')).toBeVisible();
  await page.getByLabel('Country (2-letter code)').fill('DE');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Company')).toHaveValue('Nora Networks');
});

test('reset a forgotten password with the emailed link, which works once', async ({ page, request }) => {
  await page.goto(url('account.', '/forgot-password'));
  await page.getByLabel('Email').fill('forgetful@example.com');
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByText('If an account uses that address')).toBeVisible();

  const link = await tokenLinkFromMail(request, 'forgetful@example.com', '/reset-password');
  await page.goto(link);
  await page.getByLabel('New password').fill('FranNew!Password2');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('Your password is changed')).toBeVisible();

  await page.goto(link);
  await expect(page.getByText('This reset link is invalid, expired or already used.')).toBeVisible();

  await page.goto(url('account.', '/sign-in'));
  await page.getByLabel('Email').fill('forgetful@example.com');
  await page.getByLabel('Password').fill('FranNew!Password2');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Fran Forgetful' })).toBeVisible();
});
