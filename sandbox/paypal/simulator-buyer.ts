import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBody, sendEmpty } from '@/sandbox/shared/http';
import type { createOrderOps } from './simulator-orders';
import { payerIdFor } from './simulator-orders';
import { approvalPage, messagePage, sendPage } from './simulator-pages';
import { type Account, type OrderState, PREFIX, type SetupTokenState } from './simulator-state';
import type { createVaultOps } from './simulator-vault';

// The buyer's side: GET shows the approval page, POST approves or cancels and 303s back to the merchant.

const DEFAULT_BUYER = 'buyer@example.com';

const formSchema = z.object({
  action: z.enum(['approve', 'cancel']),
  email: z.string().trim().max(254).optional(),
  save: z.literal('on').optional(),
});

function withParams(target: string, params: Record<string, string>): string {
  const url = new URL(target);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

async function readForm(req: IncomingMessage): Promise<z.infer<typeof formSchema> | null> {
  const parsed = formSchema.safeParse(Object.fromEntries(new URLSearchParams(await readBody(req, 10_000))));
  return parsed.success ? parsed.data : null;
}

const emailOk = (email: string) => z.email().safeParse(email).success;

interface Deps {
  findOrder: (id: string) => { account: Account; order: OrderState } | null;
  findSetup: (id: string) => { account: Account; setup: SetupTokenState } | null;
  orders: ReturnType<typeof createOrderOps>;
  vault: ReturnType<typeof createVaultOps>;
}

export function createBuyerPages(deps: Deps) {
  async function checkout(req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<void> {
    const id = url.searchParams.get('token') ?? '';
    const found = deps.findOrder(id);
    if (!found) return sendPage(res, 404, messagePage('Pay with PayPal (sandbox)', 'This checkout link is unknown or has expired.'));
    const { account, order } = found;
    const amount = `${order.unit.amount.value} ${order.unit.amount.currency_code}`;
    const view = (email: string, save: boolean, error: string | null) =>
      approvalPage({ title: 'Pay with PayPal (sandbox)', action: `${PREFIX}/checkoutnow?token=${order.id}`, merchant: order.brandName, amount, email, save: order.vaultRequested ? save : null, approveLabel: 'Approve payment', error });
    const targets = [order.returnUrl, order.cancelUrl];
    if (req.method === 'GET') {
      if (order.status !== 'PAYER_ACTION_REQUIRED') return sendPage(res, 409, messagePage('Pay with PayPal (sandbox)', `This order is already ${order.status.toLowerCase().replace(/_/g, ' ')}.`));
      return sendPage(res, 200, view(DEFAULT_BUYER, true, null), targets);
    }
    if (req.method !== 'POST') return sendEmpty(res, 405, { allow: 'GET, POST' });
    const form = await readForm(req);
    if (!form) return sendPage(res, 400, view(DEFAULT_BUYER, true, 'Choose approve or cancel.'), targets);
    if (form.action === 'cancel') {
      if (!order.cancelUrl) return sendPage(res, 200, messagePage('Payment cancelled', 'You cancelled. You can close this window.'));
      return sendEmpty(res, 303, { location: withParams(order.cancelUrl, { token: order.id }) });
    }
    const email = form.email || DEFAULT_BUYER;
    if (!emailOk(email)) return sendPage(res, 400, view(email, form.save === 'on', 'Enter a valid email address.'), targets);
    if (order.status !== 'PAYER_ACTION_REQUIRED') return sendPage(res, 409, messagePage('Pay with PayPal (sandbox)', `This order is already ${order.status.toLowerCase().replace(/_/g, ' ')}.`));
    deps.orders.approveOrder(account, order, email, form.save === 'on', origin);
    if (!order.returnUrl) return sendPage(res, 200, messagePage('Payment approved', 'Approved. You can close this window.'));
    return sendEmpty(res, 303, { location: withParams(order.returnUrl, { token: order.id, PayerID: order.payer?.payerId ?? '' }) });
  }

  async function agreement(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const id = url.searchParams.get('approval_session_id') ?? '';
    const found = deps.findSetup(id);
    if (!found) return sendPage(res, 404, messagePage('Save PayPal (sandbox)', 'This link is unknown or has expired.'));
    const { setup } = found;
    const view = (email: string, error: string | null) =>
      approvalPage({ title: 'Save PayPal (sandbox)', action: `${PREFIX}/agreements/approve?approval_session_id=${setup.id}`, merchant: setup.brandName, amount: null, email, save: null, approveLabel: `Agree and save PayPal for future payments to ${setup.brandName}`, error });
    const targets = [setup.returnUrl, setup.cancelUrl];
    if (req.method === 'GET') {
      if (setup.status !== 'PAYER_ACTION_REQUIRED') return sendPage(res, 409, messagePage('Save PayPal (sandbox)', 'This request was already answered.'));
      return sendPage(res, 200, view(DEFAULT_BUYER, null), targets);
    }
    if (req.method !== 'POST') return sendEmpty(res, 405, { allow: 'GET, POST' });
    const form = await readForm(req);
    if (!form) return sendPage(res, 400, view(DEFAULT_BUYER, 'Choose agree or cancel.'), targets);
    if (form.action === 'cancel') {
      if (!setup.cancelUrl) return sendPage(res, 200, messagePage('Cancelled', 'You cancelled. You can close this window.'));
      return sendEmpty(res, 303, { location: withParams(setup.cancelUrl, { approval_token_id: setup.id }) });
    }
    const email = form.email || DEFAULT_BUYER;
    if (!emailOk(email)) return sendPage(res, 400, view(email, 'Enter a valid email address.'), targets);
    if (setup.status !== 'PAYER_ACTION_REQUIRED') return sendPage(res, 409, messagePage('Save PayPal (sandbox)', 'This request was already answered.'));
    deps.vault.approveSetupToken(setup, email, payerIdFor(email));
    if (!setup.returnUrl) return sendPage(res, 200, messagePage('Saved', 'Approved. You can close this window.'));
    return sendEmpty(res, 303, { location: withParams(setup.returnUrl, { approval_token_id: setup.id, approval_session_id: setup.id }) });
  }

  return { checkout, agreement };
}
