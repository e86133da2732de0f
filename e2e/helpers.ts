import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { E2E_PORT, SANDBOX_URL } from './e2e-env';

// TOTP secrets of the people the journeys enrolled, by email, with the last time step used: a step's code
// works once, so the next sign-in waits for a fresh step. Kept in a file as well, because Playwright starts
// a new worker (and module state) after a failed test; prepare.ts deletes the file before every run.
export const TOTP_STATE_FILE = 'test-results/e2e-totp-secrets.json';
const PERIOD = 30;
const remembered = new Map<string, { secret: string; lastStep: number }>();

function load(email: string) {
  if (!remembered.has(email) && existsSync(TOTP_STATE_FILE)) {
    const saved = JSON.parse(readFileSync(TOTP_STATE_FILE, 'utf8')) as Record<string, { secret: string; lastStep: number }>;
    for (const [k, v] of Object.entries(saved)) if (!remembered.has(k)) remembered.set(k, v);
  }
  return remembered.get(email);
}

function save(email: string, secret: string, lastStep: number) {
  remembered.set(email, { secret, lastStep });
  mkdirSync(dirname(TOTP_STATE_FILE), { recursive: true });
  writeFileSync(TOTP_STATE_FILE, JSON.stringify(Object.fromEntries(remembered)));
}

const stepNow = () => Math.floor(Date.now() / 1000 / PERIOD);

/** A code for a time step not used before by this person, waiting for the next step if need be. */
export async function nextTotpCode(email: string): Promise<string> {
  const r = load(email);
  if (!r) throw new Error(`No TOTP secret remembered for ${email}`);
  if (stepNow() <= r.lastStep) {
    const waitMs = (r.lastStep + 1) * PERIOD * 1000 - Date.now() + 250;
    test.info().setTimeout(test.info().timeout + waitMs);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  const step = stepNow();
  save(email, r.secret, step);
  return generate({ secret: r.secret, epoch: step * PERIOD + 1 });
}

/** On an enrolment screen: starts setup, reads the key shown, confirms with a code; returns the recovery codes. */
export async function enrolTotp(page: Page, email: string): Promise<string[]> {
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const key = (await page.getByTestId('totp-setup-key').textContent())!.replace(/\s+/g, '');
  expect(key).toMatch(/^[A-Z2-7]{16,}$/);
  save(email, key, -1);
  await page.getByLabel('Code from the app').fill(await nextTotpCode(email));
  await page.getByRole('button', { name: 'Confirm' }).click();
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list).toBeVisible();
  return list.getByRole('listitem').allTextContents();
}

/** Answers the /two-factor page with the remembered authenticator. */
export async function answerTwoFactor(page: Page, email: string): Promise<void> {
  await page.getByLabel('Authentication code').fill(await nextTotpCode(email));
  await page.getByRole('button', { name: 'Verify' }).click();
}

/**
 * Signs a staff user in on an admin host (e.g. "admin.localhost") and ends on the dashboard: enrols TOTP the
 * first time (staff must have it), answers the second-factor step afterwards.
 */
export async function signInAsStaff(page: Page, host: string, email: string, password: string): Promise<void> {
  await page.goto(`http://${host}:${E2E_PORT}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const dashboard = page.getByRole('heading', { name: 'Dashboard', exact: true });
  const enrol = page.getByRole('heading', { name: 'Set up two-factor authentication', exact: true });
  const challenge = page.getByRole('heading', { name: 'Two-factor authentication', exact: true });
  await expect(dashboard.or(enrol).or(challenge)).toBeVisible();
  if (await enrol.isVisible()) {
    await enrolTotp(page, email);
    await page.getByRole('link', { name: 'Continue to the dashboard' }).click();
  } else if (await challenge.isVisible()) {
    await answerTwoFactor(page, email);
  }
  await expect(dashboard).toBeVisible();
}

/** The newest `<path>?token=…` link the sandbox mailbox received for an address (verify, reset, invitation). */
export async function tokenLinkFromMail(request: APIRequestContext, to: string, path: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`${SANDBOX_URL}/mail/api/messages?to=${encodeURIComponent(to)}`);
        const mails = (await res.json()) as { text: string | null }[];
        link = mails.map((m) => m.text?.match(new RegExp(`https?://\\S+${path}\\?token=[A-Za-z0-9_-]+`))?.[0]).find(Boolean);
        return Boolean(link);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return link!;
}

/** Signs a customer in on the account host and waits for their overview ("Welcome, <name>"). */
export async function signInAsCustomer(page: Page, email: string, password: string, name: string): Promise<void> {
  await page.goto(`http://account.localhost:${E2E_PORT}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: `Welcome, ${name}` })).toBeVisible();
}

/** Orders one monthly EUR item of a plan as the signed-in customer (fields by label) and lands on its unpaid invoice. */
export async function orderPlan(page: Page, planSlug: string, fields: Record<string, string>): Promise<void> {
  await page.goto(`http://account.localhost:${E2E_PORT}/order/${planSlug}?currency=EUR&cycle=monthly`);
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
  await page.getByLabel('I accept the terms of service.').check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/invoices\/inv_/);
  await expect(page.getByTestId('invoice-status')).toHaveText('unpaid');
}

/** Types a test card into the sandbox's hosted Stripe Checkout page. */
export async function typeCard(page: Page, number: string): Promise<void> {
  await expect(page).toHaveURL(/\/stripe\/checkout\/pay\//);
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry (MM/YY)').fill('12/34');
  await page.getByLabel('CVC').fill('123');
  await page.getByLabel('Name on card').fill('E2E Payer');
}

/** Pays the open invoice on screen by card (4242) and waits for it to show paid. */
export async function payByCard(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pay by card' }).click();
  await typeCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByText('Payment received. Thank you!')).toBeVisible();
  await expect(page.getByTestId('invoice-status')).toHaveText('paid');
}
