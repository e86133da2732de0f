import { expect, test } from '@playwright/test';
import { signInAsStaff, tokenLinkFromMail } from './helpers';
import { url } from './e2e-env';

test('an owner invites a billing member, who joins, is limited by role, and is signed out when the owner revokes the session', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const email = `billing-${Date.now()}@example.com`;
  const password = 'Quill-Harbour-48-Lanterns';
  const ownerCtx = await browser.newContext();
  const memberCtx = await browser.newContext();
  const owner = await ownerCtx.newPage();
  const member = await memberCtx.newPage();

  await signInAsStaff(owner, 'admin.localhost', 'admin@ezscale.example', 'EzscaleDemo!2026');
  await owner.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' }).click();
  await owner.getByRole('link', { name: 'Invite staff' }).click();
  await owner.getByLabel('Email').fill(email);
  await owner.getByLabel('Name').fill('Bea Billing');
  await owner.getByLabel('Role').selectOption('billing');
  await owner.getByRole('button', { name: 'Send invitation' }).click();
  await expect(owner.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await expect(owner.getByRole('listitem').filter({ hasText: email })).toBeVisible();

  const link = await tokenLinkFromMail(request, email, '/accept-invite');
  await member.goto(link);
  await expect(member.getByText('You are invited as Billing')).toBeVisible();
  await member.getByLabel('Password').fill(password);
  await member.getByRole('button', { name: 'Create my account' }).click();
  await expect(member.getByText(`Your staff account ${email} is ready.`)).toBeVisible();
  // The link works once.
  await member.goto(link);
  await expect(member.getByText('This invitation was already used.')).toBeVisible();

  await signInAsStaff(member, 'admin.localhost', email, password);
  const nav = member.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Staff' })).toHaveCount(0);
  for (const path of ['/audit', '/staff', '/staff/roles']) {
    await member.goto(url('admin.', path));
    await expect(member.getByRole('heading', { name: "You don't have permission" })).toBeVisible();
  }
  // The browser's own request (page.goto resolves *.localhost; Node's resolver does not).
  const exportRes = await member.goto(url('admin.', '/audit-export'));
  expect(exportRes?.status()).toBe(403);
  await member.goto(url('admin.', '/'));
  await expect(member.getByRole('heading', { name: 'Dashboard', exact: true })).toBeVisible();

  await owner.goto(url('admin.', '/staff'));
  const row = owner.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Billing');
  await row.getByRole('link', { name: 'Bea Billing' }).click();
  await expect(owner.getByRole('heading', { name: 'Bea Billing' })).toBeVisible();
  await expect(owner.getByText('Signed in').first()).toBeVisible();
  await owner.getByRole('listitem').getByRole('button', { name: 'Sign out' }).click();
  await expect(owner.getByText('Not signed in anywhere.')).toBeVisible();

  await member.reload();
  await expect(member).toHaveURL(url('admin.', '/sign-in'));
  await ownerCtx.close();
  await memberCtx.close();
});
