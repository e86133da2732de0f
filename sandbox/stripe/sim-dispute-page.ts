import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, page, readBody, sendEmpty, sendHtml } from '@/sandbox/shared/http';
import { StripeApiError, type SimContext } from './sim-api';
import { formatMinor } from './sim-checkout-page';
import { closeDispute, openDispute, submitEvidence } from './sim-disputes';
import { getObject, listObjects, type Account } from './sim-state';

// /stripe/disputes: the buttons a newcomer presses to play the cardholder's bank. Every paid payment of every
// account can be disputed; every dispute answered and decided. The store hears of it by webhook, as from Stripe.

function button(action: string, field: string, id: string, label: string, extra = ''): string {
  return `<form method="post" action="/stripe/disputes" style="display:inline"><input type="hidden" name="action" value="${action}"><input type="hidden" name="${field}" value="${escapeHtml(id)}">${extra}<button type="submit">${escapeHtml(label)}</button></form>`;
}

function disputesPage(ctx: SimContext, message: string | null): string {
  const payments: string[] = [];
  const disputes: string[] = [];
  for (const account of ctx.accounts.values()) {
    const key = `${account.key.slice(0, 8)}…${account.key.slice(-4)}`;
    for (const pi of listObjects(account, 'payment_intent').filter((p) => p.status === 'succeeded').slice(0, 50)) {
      const amount = `<input name="amount" inputmode="numeric" size="7" placeholder="${pi.amount}" title="Minor units; blank: all of it">`;
      payments.push(
        `<tr><td>${escapeHtml(key)}</td><td><code>${escapeHtml(pi.id)}</code></td><td>${escapeHtml(pi.metadata.invoice ?? '')}</td><td>${escapeHtml(formatMinor(pi.amount, pi.currency))}</td>
<td>${button('open', 'payment_intent', pi.id, 'Open a chargeback', amount)} ${button('inquiry', 'payment_intent', pi.id, 'Open an inquiry')}</td></tr>`,
      );
    }
    for (const d of listObjects(account, 'dispute')) {
      const open = !['won', 'lost', 'warning_closed', 'prevented'].includes(d.status);
      const due = d.evidence_details.due_by ? new Date(d.evidence_details.due_by * 1000).toISOString().slice(0, 16).replace('T', ' ') : '–';
      const actions = open
        ? `${d.status.endsWith('needs_response') ? button('evidence', 'dispute', d.id, 'Submit evidence') : ''} ${button('won', 'dispute', d.id, 'Bank decides: won')} ${button('lost', 'dispute', d.id, 'Bank decides: lost')}`
        : '<span class="muted">closed</span>';
      disputes.push(`<tr><td>${escapeHtml(key)}</td><td><code>${escapeHtml(d.id)}</code><br><span class="muted">${escapeHtml(d.payment_intent)}</span></td><td>${escapeHtml(formatMinor(d.amount, d.currency))}</td><td>${escapeHtml(d.reason)}</td><td>${escapeHtml(d.status)}</td><td>${escapeHtml(due)} UTC</td><td>${actions}</td></tr>`);
    }
  }
  return page(
    'Stripe disputes',
    `${message ? `<p role="status"><strong>${escapeHtml(message)}</strong></p>` : ''}
<p>Play the cardholder's bank. A chargeback takes the amount and a 15.00 dispute fee from the balance at once; an inquiry
moves no money until it is lost. Evidence puts the dispute under review; the bank's decision closes it. The store hears
every step by webhook (charge.dispute.created, updated, closed, funds_withdrawn, funds_reinstated).</p>
<h2>Disputes</h2><table><tr><th>Account</th><th>Dispute</th><th>Amount</th><th>Reason</th><th>Status</th><th>Evidence due by</th><th></th></tr>${disputes.join('') || '<tr><td colspan="7" class="muted">None yet.</td></tr>'}</table>
<h2>Paid payments</h2><table><tr><th>Account</th><th>Payment</th><th>Invoice</th><th>Amount</th><th></th></tr>${payments.join('') || '<tr><td colspan="5" class="muted">No paid payments yet: pay an invoice by card first.</td></tr>'}</table>
<p><a href="/stripe">Stripe sandbox</a> · <a href="/stripe/events">Event log</a></p>`,
  );
}

/** The account holding an object: ids are random, so at most one does. */
function owner(ctx: SimContext, id: string, kind: 'payment_intent' | 'dispute'): Account | null {
  for (const account of ctx.accounts.values()) if (getObject(account, id, kind)) return account;
  return null;
}

function act(ctx: SimContext, form: URLSearchParams): string {
  const action = form.get('action') ?? '';
  if (action === 'open' || action === 'inquiry') {
    const pi = form.get('payment_intent') ?? '';
    const account = owner(ctx, pi, 'payment_intent');
    if (!account) return `No payment ${pi}.`;
    const raw = (form.get('amount') ?? '').trim();
    if (raw && !/^\d{1,9}$/.test(raw)) return 'The amount must be whole minor units (e.g. 250 for 2.50).';
    const d = openDispute(account, ctx.bus, pi, { reason: action === 'inquiry' ? 'product_not_received' : 'fraudulent', inquiry: action === 'inquiry', ...(raw ? { amount: Number(raw) } : {}) });
    return `Opened ${d.id} (${d.status}).`;
  }
  const id = form.get('dispute') ?? '';
  const account = owner(ctx, id, 'dispute');
  const dispute = account ? getObject(account, id, 'dispute') : null;
  if (!account || !dispute) return `No dispute ${id}.`;
  if (action === 'evidence') return `${submitEvidence(account, ctx.bus, dispute, { uncategorized_text: 'Service delivered as ordered; logs attached.' }).id} is ${dispute.status}.`;
  if (action === 'won' || action === 'lost') return `${closeDispute(account, ctx.bus, dispute, action).id} is ${dispute.status}.`;
  return 'Unknown action.';
}

export async function handleDisputePage(req: IncomingMessage, res: ServerResponse, url: URL, ctx: SimContext): Promise<void> {
  if (req.method === 'POST') {
    let message: string;
    try {
      message = act(ctx, new URLSearchParams(await readBody(req, 10_000)));
    } catch (err) {
      if (!(err instanceof StripeApiError)) throw err;
      message = err.message;
    }
    return sendEmpty(res, 303, { location: `/stripe/disputes?message=${encodeURIComponent(message)}` });
  }
  return sendHtml(res, 200, disputesPage(ctx, url.searchParams.get('message')));
}
