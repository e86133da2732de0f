import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { pdfText } from '../tests/helpers/pdf-text';
import { E2E_ENV, SANDBOX_URL, url } from './e2e-env';
import { signInAsCustomer } from './helpers';

// A cloud desktop sold by the hour, end to end: credit topped up, Developer Basic ordered (nothing to pay up front),
// set up on the sandbox's Kasm stand-in by the worker, a session started and watched ticking, stopped and billed
// in 15-minute increments, and the period closed by `billing:run --at` into a usage invoice with its PDF.

const cli = (args: string[]) => execFileSync('bin/ezscale', [...args, '--storefront', 'ezscale'], { env: { ...process.env, ...E2E_ENV }, encoding: 'utf8' });

test('top up, order Developer Basic, start, watch the cost tick, stop, history, period close, usage invoice and PDF', async ({ page }) => {
  test.setTimeout(180_000);
  const email = `desk-${Date.now()}@example.com`;
  cli(['customer:create', '--email', email, '--name', 'Dana Desk', '--country', 'US', '--currency', 'USD', '--password', 'DanaDesk!Password1']);

  await signInAsCustomer(page, email, 'DanaDesk!Password1', 'Dana Desk');
  // Without credit or a saved method the order page says what is missing, with the ways to add either.
  await page.goto(url('account.', '/order/kasm-developer-basic?currency=USD&cycle=hourly'));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('usage-funding')).toContainText('at least $5.00 of account credit');
  await expect(page.getByTestId('usage-funding').getByRole('link', { name: 'Add credit' })).toHaveAttribute('href', '/credit');
  await expect(page.getByRole('button', { name: 'Place order' })).toHaveCount(0);

  // Top up (the credit ledger, as staff's "add credit" does); the order page lets the order through.
  cli(['credit:add', '--customer', email, '--amount-minor', '1000', '--currency', 'USD', '--reason', 'E2E top-up']);
  await page.goto(url('account.', '/cart'));
  await page.getByLabel('I accept the terms of service.').check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/invoices\/inv_/);
  // An hourly desktop has nothing to pay up front: the order's invoice is settled at once.
  await expect(page.getByTestId('invoice-status')).toHaveText('paid');

  await page.goto(url('account.', '/services'));
  await page.getByRole('link', { name: /Developer Basic/ }).first().click();
  await expect(page).toHaveURL(/\/services\/svc_/);
  const serviceId = new URL(page.url()).pathname.split('/').pop()!;
  // The worker creates the Kasm user; the page refreshes itself while it is being set up.
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('kasm-rule')).toContainText('15-minute increments, rounded up');

  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('kasm-running')).toHaveText(/^(Starting|Running) for 0 min · \$0\.04$/);
  await expect(page.getByRole('link', { name: 'Open workspace' })).toHaveAttribute('target', '_blank');
  // The session is on the Kasm stand-in under the service's user.
  const sessions = async () =>
    ((await (await page.request.get(`${SANDBOX_URL}/kasm/_control/state`)).json()) as { panels: { sessions: { username: string | null; status: string }[] }[] }).panels.flatMap((p) => p.sessions).filter((s) => s.username === serviceId);
  await expect.poll(async () => (await sessions()).map((s) => s.status), { timeout: 15_000 }).toEqual(['running']);
  // The card polls its JSON route: "Starting" turns into "Running" without a reload (the tracker or the
  // status poll is not needed for the time: it counts from Start).
  await expect(page.getByTestId('kasm-running')).toHaveText(/^Running for \d+ min · \$0\.04$/, { timeout: 20_000 });

  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByText(/Session stopped: 15 minutes billed\./)).toBeVisible();
  await expect(page.getByTestId('kasm-running')).toHaveText('No session running.');
  await expect.poll(async () => (await sessions()).length, { timeout: 15_000 }).toBe(0);
  // 15 minutes × $0.15 an hour = $0.0375: the history shows $0.04, this month the period's once-rounded total.
  const history = page.getByTestId('kasm-history');
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history.getByRole('row').nth(1)).toContainText('15');
  await expect(history.getByRole('row').nth(1)).toContainText('$0.04');
  await expect(page.getByTestId('kasm-month')).toHaveText('This month: $0.04 (0.25 h)');

  // The period closes on the service's anchor day a month on: the pass run for that day issues the usage invoice.
  const closing = new Date(Date.now() + 32 * 86_400_000).toISOString();
  cli(['billing:run', '--at', closing, '--json']);
  await page.goto(url('account.', '/invoices'));
  const usageRow = page.getByRole('row').filter({ hasText: '$0.04' }).first();
  await usageRow.getByRole('link', { name: /^INV-/ }).click();
  await expect(page).toHaveURL(/\/invoices\/inv_/);
  await expect(page.getByText(/Desktop time/).first()).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  const download = await downloading;
  const text = (await pdfText(await readFile(await download.path()))).replace(/\s+/g, ' ');
  expect(text).toContain('Desktop time');
  expect(text).toContain('0.25');
  expect(text).toContain('$0.04');
});
