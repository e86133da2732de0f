import { execFileSync } from 'node:child_process';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_ENV, SANDBOX_URL, url } from './e2e-env';
import { orderPlan, signInAsCustomer, typeCard } from './helpers';

// Card and PayPal payments against the sandbox's Stripe and PayPal stand-ins: the hosted pages are the ones a
// person sees, and the stand-ins post signed webhooks back to the app like the real gateways.

function billingRun() {
  execFileSync('bin/ezscale', ['billing:run', '--storefront', 'ezscale', '--json'], { env: { ...process.env, ...E2E_ENV } });
}

async function mailLink(request: APIRequestContext, to: string, subject: RegExp, pattern: RegExp): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await (await request.get(`${SANDBOX_URL}/mail/api/messages?to=${encodeURIComponent(to)}`)).json()) as { subject: string; text: string | null }[];
        link = mails
          .filter((m) => subject.test(m.subject))
          .map((m) => m.text?.match(pattern)?.[0])
          .find(Boolean);
        return Boolean(link);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return link!;
}

test('orders a VPS and pays by card on the hosted page; a declined card leaves the invoice unpaid with the reason', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsCustomer(page, 'card-payer@example.com', 'CarlaCard!Password1', 'Carla Card');
  await orderPlan(page, 'vps-starter', { Hostname: 'card.example.com' });
  const invoicePath = new URL(page.url()).pathname;

  await page.getByRole('button', { name: 'Pay by card' }).click();
  await typeCard(page, '4000 0000 0000 9995');
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page.getByRole('alert')).toContainText(/insufficient funds/i);
  await page.getByRole('link', { name: /Cancel/ }).click();
  await expect(page).toHaveURL(new RegExp(`${invoicePath}\\?cancelled=`));
  await expect(page.getByText('Payment cancelled — nothing was charged.')).toBeVisible();
  await expect(page.getByTestId('invoice-status')).toHaveText('unpaid');
  // The declined attempt is on the invoice with the bank's reason (reported by the stand-in's webhook).
  await expect(page.getByText(/insufficient funds/i)).toBeVisible({ timeout: 15_000 });

  await page.getByRole('button', { name: 'Pay by card' }).click();
  await typeCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page).toHaveURL(new RegExp(`${invoicePath}\\?payment=txn_`));
  await expect(page.getByText('Payment received. Thank you!')).toBeVisible();
  await expect(page.getByTestId('invoice-status')).toHaveText('paid');

  await page.goto(url('account.', '/services'));
  await expect(page.getByRole('row', { name: /card\.example\.com/ })).toContainText('active');
  await page.goto(url('account.', '/payment-methods'));
  await expect(page.getByTestId('payment-methods')).toContainText('Visa •••• 4242');
});

test('pays by PayPal on the approval page', async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsCustomer(page, 'paypal-payer@example.com', 'PiaPaypal!Password1', 'Pia Paypal');
  await orderPlan(page, 'vps-starter', { Hostname: 'paypal.example.com' });
  await page.getByRole('button', { name: 'Pay with PayPal' }).click();
  await expect(page).toHaveURL(/\/paypal\/checkoutnow\?token=/);
  await page.getByRole('button', { name: 'Approve payment' }).click();
  await expect(page.getByText('Payment received. Thank you!')).toBeVisible();
  await expect(page.getByTestId('invoice-status')).toHaveText('paid');
});

test('pays two unpaid renewals together in one card payment from the invoice list', async ({ page }) => {
  test.setTimeout(120_000);
  // The services fall due today and tomorrow and no card is on file: the pass leaves two unpaid renewals.
  billingRun();
  await signInAsCustomer(page, 'mass-payer@example.com', 'MaxMass!Password1', 'Max Mass');
  await page.goto(url('account.', '/invoices'));
  const unpaidRows = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'unpaid', exact: true }) });
  await expect(unpaidRows).toHaveCount(2);
  const numbers = await unpaidRows.getByRole('link', { name: /^INV-/ }).allTextContents();
  await expect(page.getByTestId('mass-pay-total')).toContainText('2 selected');

  await page.getByRole('button', { name: 'Pay by card' }).click();
  // One hosted payment, naming both invoices.
  await expect(page).toHaveURL(/\/stripe\/checkout\/pay\//);
  for (const number of numbers) await expect(page.getByText(new RegExp(number)).first()).toBeVisible();
  await typeCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay/ }).click();
  await expect(page).toHaveURL(/\/invoices\?payment=txn_/);
  await expect(page.getByText('Payment received. Thank you!')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'unpaid', exact: true })).toHaveCount(0);
  for (const number of numbers) {
    await expect(page.getByRole('row').filter({ has: page.getByRole('link', { name: number, exact: true }) }).getByRole('cell', { name: 'paid', exact: true })).toBeVisible();
  }
});

test('adds a second card, makes it the default, and the billing run charges the renewal to it', async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsCustomer(page, 'renewer@example.com', 'ReneRenewer!Password1', 'Rene Renewer');
  for (const card of ['4242 4242 4242 4242', '5555 5555 5555 4444']) {
    await page.goto(url('account.', '/payment-methods'));
    await page.getByRole('button', { name: 'Add a card' }).click();
    await typeCard(page, card);
    await page.getByRole('button', { name: 'Save card' }).click();
    await expect(page.getByText('Card saved. You can now pick it for renewals.')).toBeVisible();
  }
  const methods = page.getByTestId('payment-methods');
  await expect(methods.getByRole('listitem')).toHaveCount(2);
  await methods.getByRole('listitem').filter({ hasText: '4444' }).getByRole('button', { name: 'Make default' }).click();
  await expect(methods.getByRole('listitem').filter({ hasText: '4444' })).toContainText('Default');

  // The service falls due today: one pass issues the renewal and charges the default card without the customer.
  billingRun();
  await page.goto(url('account.', '/invoices'));
  await page.getByRole('link', { name: /^INV-/ }).first().click();
  await expect(page.getByTestId('invoice-status')).toHaveText('paid');
  await expect(page.getByText(/Mastercard •••• 4444/)).toBeVisible();
});

test('a renewal on a 3-D Secure card emails the customer a link to complete the payment', async ({ page, request }) => {
  test.setTimeout(120_000);
  await signInAsCustomer(page, 'threeds@example.com', 'TaraThreeds!Password1', 'Tara Threeds');
  await page.goto(url('account.', '/payment-methods'));
  await page.getByRole('button', { name: 'Add a card' }).click();
  await typeCard(page, '4000 0027 6000 3184');
  await page.getByRole('button', { name: 'Save card' }).click();
  await page.getByRole('button', { name: 'Complete authentication' }).click();
  await expect(page.getByText('Card saved. You can now pick it for renewals.')).toBeVisible();

  billingRun();
  const link = await mailLink(request, 'threeds@example.com', /confirm your payment/i, /https?:\/\/\S+\/invoices\/inv_[a-z0-9]+/);
  await page.goto(link);
  await expect(page.getByTestId('invoice-status')).toHaveText('unpaid');
  await page.getByRole('button', { name: 'Pay by card' }).click();
  await typeCard(page, '4000 0027 6000 3184');
  await page.getByRole('button', { name: /^Pay/ }).click();
  await page.getByRole('button', { name: 'Complete authentication' }).click();
  await expect(page.getByText('Payment received. Thank you!')).toBeVisible();
  await expect(page.getByTestId('invoice-status')).toHaveText('paid');
});
