import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, page, readBody, sendEmpty } from '@/sandbox/shared/http';
import type { createDisputeOps } from './simulator-disputes';
import { sendPage } from './simulator-pages';
import { type Account, type ApiResult, PREFIX } from './simulator-state';

// /paypal/disputes: the buyer opening a case and PayPal deciding it, as buttons. The store hears each step by
// webhook (CUSTOMER.DISPUTE.CREATED, UPDATED, RESOLVED), as from PayPal.

type Ops = ReturnType<typeof createDisputeOps>;

function button(action: string, field: string, id: string, label: string, extra = ''): string {
  return `<form method="post" action="${PREFIX}/disputes" style="display:inline"><input type="hidden" name="action" value="${action}"><input type="hidden" name="${field}" value="${escapeHtml(id)}">${extra}<button type="submit">${escapeHtml(label)}</button></form>`;
}

function render(accounts: Iterable<Account>, message: string | null): string {
  const captures: string[] = [];
  const disputes: string[] = [];
  for (const account of accounts) {
    for (const c of [...account.captures.values()].filter((x) => x.status === 'COMPLETED' || x.status === 'PARTIALLY_REFUNDED').reverse().slice(0, 50)) {
      const amount = `<input name="value" size="8" placeholder="${escapeHtml(c.amount.value)}" title="Blank: all of it">`;
      captures.push(`<tr><td>${escapeHtml(account.clientId)}</td><td><code>${escapeHtml(c.id)}</code></td><td>${escapeHtml(c.invoice_id ?? '')}</td><td>${escapeHtml(`${c.amount.value} ${c.amount.currency_code}`)}</td><td>${button('open', 'capture_id', c.id, 'Buyer opens a dispute', amount)}</td></tr>`);
    }
    for (const d of [...account.disputes.values()].reverse()) {
      const actions =
        d.status === 'RESOLVED'
          ? `<span class="muted">${escapeHtml(d.outcome?.outcome_code ?? '')}</span>`
          : `${d.status === 'WAITING_FOR_SELLER_RESPONSE' ? button('evidence', 'dispute_id', d.id, 'Seller answers') : ''} ${button('seller', 'dispute_id', d.id, 'PayPal decides: seller')} ${button('buyer', 'dispute_id', d.id, 'PayPal decides: buyer')}`;
      disputes.push(`<tr><td>${escapeHtml(account.clientId)}</td><td><code>${escapeHtml(d.id)}</code><br><span class="muted">${escapeHtml(d.captureId)}</span></td><td>${escapeHtml(`${d.amount.value} ${d.amount.currency_code}`)}</td><td>${escapeHtml(d.reason)}</td><td>${escapeHtml(d.status)}</td><td>${escapeHtml(d.sellerResponseDueDate ?? '–')}</td><td>${actions}</td></tr>`);
    }
  }
  return page(
    'PayPal disputes',
    `${message ? `<p role="status"><strong>${escapeHtml(message)}</strong></p>` : ''}
<p>Play the buyer and PayPal. A buyer's case waits for the seller's answer (due in 10 days); once answered, PayPal reviews it and
decides. Decided for the buyer, the capture is reversed.</p>
<h2>Disputes</h2><table><tr><th>Client id</th><th>Dispute</th><th>Amount</th><th>Reason</th><th>Status</th><th>Seller response due</th><th></th></tr>${disputes.join('') || '<tr><td colspan="7" class="muted">None yet.</td></tr>'}</table>
<h2>Captured payments</h2><table><tr><th>Client id</th><th>Capture</th><th>Invoice</th><th>Amount</th><th></th></tr>${captures.join('') || '<tr><td colspan="5" class="muted">No captures yet: pay an invoice with PayPal first.</td></tr>'}</table>
<p><a href="${PREFIX}">PayPal sandbox</a> · <a href="${PREFIX}/events">Event log</a></p>`,
  );
}

function act(accounts: Iterable<Account>, ops: Ops, form: URLSearchParams, origin: string): string {
  const action = form.get('action') ?? '';
  const outcome = (r: ApiResult, done: string) => (r.status < 300 ? done : ((r.body as { details?: { description?: string }[] }).details?.[0]?.description ?? 'PayPal refused.'));
  for (const account of accounts) {
    if (action === 'open') {
      const capture = account.captures.get(form.get('capture_id') ?? '');
      if (!capture) continue;
      const value = (form.get('value') ?? '').trim();
      const r = ops.openDispute(account, capture, { reason: 'MERCHANDISE_OR_SERVICE_NOT_RECEIVED', ...(value ? { amount: { currency_code: capture.amount.currency_code, value } } : {}) }, origin);
      return outcome(r, `Opened ${(r.body as { dispute_id?: string }).dispute_id ?? ''}.`);
    }
    const dispute = account.disputes.get(form.get('dispute_id') ?? '');
    if (!dispute) continue;
    if (action === 'evidence') return outcome(ops.reviewDispute(account, dispute, origin), `${dispute.id} is under review.`);
    if (action === 'seller' || action === 'buyer') return outcome(ops.resolveDispute(account, dispute, action === 'buyer' ? 'RESOLVED_BUYER_FAVOUR' : 'RESOLVED_SELLER_FAVOUR', origin), `${dispute.id} is resolved.`);
    return 'Unknown action.';
  }
  return 'No such capture or dispute.';
}

export async function handleDisputePage(req: IncomingMessage, res: ServerResponse, url: URL, accounts: () => Iterable<Account>, ops: Ops, origin: string): Promise<void> {
  if (req.method === 'POST') {
    const message = act(accounts(), ops, new URLSearchParams(await readBody(req, 10_000)), origin);
    return sendEmpty(res, 303, { location: `${PREFIX}/disputes?message=${encodeURIComponent(message)}` });
  }
  return sendPage(res, 200, render(accounts(), url.searchParams.get('message')));
}
