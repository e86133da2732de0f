import type { ServerResponse } from 'node:http';
import { escapeHtml, page } from '@/sandbox/shared/http';
import { type Account, PREFIX } from './simulator-state';

// The pages a buyer sees at "PayPal". Plain forms, no script. The page's CSP must let the form's redirect reach the
// merchant's return/cancel origin: browsers apply form-action to the redirect after a POST, not just the POST.

export function sendPage(res: ServerResponse, status: number, html: string, formTargets: readonly (string | null)[] = []): void {
  const origins = new Set<string>(["'self'"]);
  for (const target of formTargets) {
    if (!target) continue;
    try {
      origins.add(new URL(target).origin);
    } catch {
      // A malformed URL was rejected at order creation; nothing to allow.
    }
  }
  const csp = `default-src 'none'; style-src 'unsafe-inline'; form-action ${[...origins].join(' ')}; base-uri 'none'; frame-ancestors 'none'`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  res.end(html);
}

export interface ApprovalView {
  title: string;
  action: string;
  merchant: string;
  amount: string | null;
  email: string;
  /** null hides the checkbox (vaulting not requested); true/false is its state. */
  save: boolean | null;
  approveLabel: string;
  error: string | null;
}

export function approvalPage(view: ApprovalView): string {
  const saveBox =
    view.save === null
      ? ''
      : `<p><input type="checkbox" id="save" name="save" value="on"${view.save ? ' checked' : ''}>
<label for="save">Save PayPal for future payments to ${escapeHtml(view.merchant)}</label></p>`;
  const error = view.error ? `<p role="alert" style="color:#b91c1c">${escapeHtml(view.error)}</p>` : '';
  return page(
    view.title,
    `<div class="card"><p>Merchant: <strong>${escapeHtml(view.merchant)}</strong></p>
${view.amount ? `<p>Amount: <strong>${escapeHtml(view.amount)}</strong></p>` : ''}
<form method="post" action="${escapeHtml(view.action)}">${error}
<p><label for="email">Sandbox buyer email</label><br>
<input type="email" id="email" name="email" required autocomplete="email" value="${escapeHtml(view.email)}" aria-describedby="email-hint">
<br><span id="email-hint" class="muted">No password in the sandbox. An email starting with "decline" approves, but the payment is then declined.</span></p>
${saveBox}
<p><button type="submit" name="action" value="approve">${escapeHtml(view.approveLabel)}</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel and return</button></p>
</form></div>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<div class="card"><p>${escapeHtml(message)}</p></div>`);
}

export function indexPage(): string {
  return page(
    'PayPal (sandbox)',
    `<p>A stand-in for PayPal's REST API (the subset our gateway uses) and the pages a buyer sees. Any client id and
secret pair is a merchant account of its own; the first secret used for a client id sticks.</p>
<ul>
<li><code>POST ${PREFIX}/v1/oauth2/token</code> (Basic client_id:secret, <code>grant_type=client_credentials</code>)</li>
<li><code>${PREFIX}/v2/checkout/orders</code>, <code>…/:id</code>, <code>…/:id/capture</code></li>
<li><code>${PREFIX}/v2/payments/captures/:id</code>, <code>…/:id/refund</code>, <code>${PREFIX}/v2/payments/refunds/:id</code></li>
<li><code>${PREFIX}/v3/vault/setup-tokens</code>, <code>${PREFIX}/v3/vault/payment-tokens</code> (list by <code>customer_id</code>, get, delete)</li>
<li><code>${PREFIX}/v1/customer/disputes/:id</code>, <code>…/:id/accept-claim</code>, <code>…/:id/adjudicate</code> (sandbox only: {adjudication_outcome: BUYER_FAVOR|SELLER_FAVOR}, for a dispute UNDER_REVIEW)</li>
<li><code>${PREFIX}/v1/notifications/webhooks</code>, <code>${PREFIX}/v1/notifications/verify-webhook-signature</code></li>
</ul>
<p>Buyers approve at <code>${PREFIX}/checkoutnow?token=…</code> (payments) and <code>${PREFIX}/agreements/approve?approval_session_id=…</code>
(saving PayPal without a payment). A buyer email starting with <code>decline</code> approves, but the capture is then
declined (INSTRUMENT_DECLINED and PAYMENT.CAPTURE.DENIED).</p>
<p>Webhooks are delivered asynchronously with retries and signed with a per-account secret; only
<code>verify-webhook-signature</code> can check them, as with PayPal. <a href="${PREFIX}/events">Event log</a>.
<a href="${PREFIX}/disputes">Disputes</a>: open, answer and decide one on any captured payment.</p>
<p>Test controls (JSON, account by <code>?client_id=</code> or Bearer token) under <code>${PREFIX}/_control/</code>:
<code>delivery-mode</code> {mode: immediate|hold}, <code>flush</code> {order: forward|reverse, repeat}, <code>redeliver</code>
{event_id}, <code>dispute</code> {capture_id, reason, amount?} (a buyer opens one; the seller's response is due in 10 days),
<code>dispute-evidence</code> {dispute_id} (the seller answered: under review), <code>dispute-resolve</code> {dispute_id, outcome:
BUYER_FAVOR|SELLER_FAVOR} (PayPal decides; for the buyer, the capture is reversed), <code>buyer</code> {email, declines},
<code>events</code> (GET).</p>`,
  );
}

export function eventsPage(accounts: Iterable<Account>, clientId: string | null): string {
  const rows: string[] = [];
  for (const account of accounts) {
    if (clientId && account.clientId !== clientId) continue;
    for (const event of account.events) {
      const deliveries = account.deliveries
        .filter((d) => d.eventId === event.id)
        .map((d) => `${escapeHtml(d.url)}: ${d.attempts.map((a) => escapeHtml(a.status ?? a.error ?? 'pending')).join(', ') || (account.held.includes(d) ? 'held' : 'pending')}`)
        .join('<br>');
      rows.push(`<tr><td>${escapeHtml(event.create_time)}</td><td>${escapeHtml(account.clientId)}</td><td>${escapeHtml(event.event_type)}</td>
<td><code>${escapeHtml(event.id)}</code></td><td>${deliveries || '<span class="muted">no webhook subscribed</span>'}</td></tr>`);
    }
  }
  return page(
    'PayPal events',
    `<p class="muted">Newest first, per account. Delivery attempts list the HTTP status each transmission got.</p>
<table><thead><tr><th scope="col">Time</th><th scope="col">Client id</th><th scope="col">Event</th><th scope="col">Id</th><th scope="col">Deliveries</th></tr></thead>
<tbody>${rows.join('') || '<tr><td colspan="5">No events yet.</td></tr>'}</tbody></table>`,
  );
}
