import { expect, test } from '@playwright/test';
import { url } from './e2e-env';
import { signInAsCustomer, tokenLinkFromMail } from './helpers';

test('an owner gives a colleague limited access: invoices are 403 until billing is allowed, and removal ends it', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const owner = await (await browser.newContext()).newPage();
  const member = await (await browser.newContext()).newPage();
  await signInAsCustomer(owner, 'team-owner@example.com', 'OlgaOwner!Password1', 'Olga Owner');
  await owner.getByRole('link', { name: 'Team' }).click();
  await owner.getByLabel('Their email').fill('team-member@example.com');
  await owner.getByRole('button', { name: 'Send invitation' }).click();
  await expect(owner.getByText('Invitation sent to team-member@example.com.')).toBeVisible();

  await signInAsCustomer(member, 'team-member@example.com', 'MaxMember!Password1', 'Max Member');
  await member.goto(await tokenLinkFromMail(request, 'team-member@example.com', '/accept-team-invite'));
  await expect(member.getByText('View services')).toBeVisible();
  await member.getByRole('button', { name: 'Accept the invitation' }).click();
  await expect(member.getByRole('heading', { name: 'Working on Olga Owner’s account' })).toBeVisible();
  await expect(member.getByTestId('acting-for')).toHaveText('Working on Olga Owner’s account as a team member');
  await expect(member.getByRole('link', { name: 'Invoices' })).toHaveCount(0);
  const denied = await member.goto(url('account.', '/invoices'));
  expect(denied?.status()).toBe(403);
  await expect(member.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await member.goto(url('account.', '/profile'));
  await expect(member.getByText('Only the account owner or a member with full access can change these details.')).toBeVisible();

  await owner.reload();
  const row = owner.getByTestId('team-member-team-member@example.com');
  await row.getByLabel('View invoices and billing').check();
  await row.getByRole('button', { name: 'Save permissions' }).click();
  await expect(owner.getByText('Permissions saved.')).toBeVisible();

  const allowed = await member.goto(url('account.', '/invoices'));
  expect(allowed?.status()).toBe(200);
  await expect(member.getByRole('heading', { name: 'Invoices', exact: true })).toBeVisible();

  await owner.getByRole('button', { name: 'Remove team-member@example.com' }).click();
  await expect(owner.getByText('Nobody else can access your account.')).toBeVisible();
  await member.goto(url('account.', '/'));
  await expect(member.getByRole('heading', { name: 'Welcome, Max Member' })).toBeVisible();
  await expect(member.getByTestId('acting-for')).toHaveCount(0);
});
