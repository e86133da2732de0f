import { expect, test, type Page } from '@playwright/test';
import { SANDBOX_URL, url } from './e2e-env';
import { signInAsStaff } from './helpers';

const signInAsAdmin = (page: Page) => signInAsStaff(page, 'admin.localhost', 'admin@ezscale.example', 'EzscaleDemo!2026');

test('staff send a test email and read it in the sandbox mailbox', async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Emails' }).click();
  await page.getByLabel('Recipient').fill('not-an-email');
  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(page.getByText('Recipient must be a valid email address.')).toBeVisible();

  await page.getByLabel('Recipient').fill('ops@example.com');
  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(page.getByText('Test email to ops@example.com queued.')).toBeVisible();

  // The worker sends it through SMTP to the sandbox, where a person can read it.
  await page.goto(`${SANDBOX_URL}/mail`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('link', { name: 'Test email from EZSCALE Hosting' }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('link', { name: 'Test email from EZSCALE Hosting' }).first().click();
  await expect(page.getByText('If you can read it, outgoing email is set up correctly.').first()).toBeVisible();

  await page.goto(url('admin.', '/emails?status=sent'));
  await expect(page.getByRole('cell', { name: 'ops@example.com' }).first()).toBeVisible();
});

test('the welcome email for the demo admin was delivered without the password', async ({ request }) => {
  type Mail = { subject: string; text: string };
  let welcome: Mail | undefined;
  // Seeding queued it before the sandbox was listening, so it may arrive on the worker's retry.
  await expect
    .poll(
      async () => {
        const res = await request.get(`${SANDBOX_URL}/mail/api/messages?to=admin@ezscale.example`);
        welcome = ((await res.json()) as Mail[]).find((m) => m.subject.includes('staff account'));
        return Boolean(welcome);
      },
      { timeout: 25_000 },
    )
    .toBe(true);
  expect(welcome!.text).toContain('admin.localhost');
  expect(welcome!.text).not.toContain('EzscaleDemo!2026');
});

test('the admin System page shows health, queues and schedules', async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'System' }).click();
  await expect(page.getByRole('heading', { name: 'System' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'critical' })).toBeVisible();
  await expect(page.getByText('email-flush-outbox').or(page.getByText(/flush-outbox/)).first()).toBeVisible();
});
