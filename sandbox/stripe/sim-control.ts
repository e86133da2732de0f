import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { escapeHtml, notFound, page, readBody, sendHtml, sendJson } from '@/sandbox/shared/http';
import { authenticate, StripeApiError, type SimContext } from './sim-api';
import { handleDisputePage } from './sim-dispute-page';
import { closeDispute, openDispute, submitEvidence } from './sim-disputes';
import { getObject, type Account } from './sim-state';

// Sandbox-only controls under /stripe/_control (JSON, same Bearer key as the API, so a test drives its own
// account), plus the human-facing index and event log pages.

const deliverySchema = z.object({ mode: z.enum(['immediate', 'hold']) });
const flushSchema = z.object({ order: z.enum(['forward', 'reverse']).default('forward'), repeat: z.number().int().min(1).max(20).default(1) });
const redeliverSchema = z.object({ event: z.string().min(1), repeat: z.number().int().min(1).max(20).default(1) });
const disputeSchema = z.object({ payment_intent: z.string().min(1), reason: z.string().min(1).max(64).default('fraudulent'), amount: z.number().int().min(1).optional(), inquiry: z.boolean().default(false) });
const disputeEvidenceSchema = z.object({ dispute: z.string().min(1), text: z.string().min(1).max(20_000).default('Service delivered as ordered.') });
const disputeCloseSchema = z.object({ dispute: z.string().min(1), outcome: z.enum(['won', 'lost']) });

export function eventSummary(account: Account) {
  return {
    mode: account.deliveryMode,
    held: account.held.map((e) => e.id),
    events: account.events.map((e) => ({ id: e.id, type: e.type, created: e.created, object: e.data.object.id })),
    deliveries: account.deliveries,
  };
}

async function control(req: IncomingMessage, res: ServerResponse, action: string, ctx: SimContext): Promise<void> {
  const auth = authenticate(ctx, req.headers.authorization);
  if (auth instanceof StripeApiError) return sendJson(res, auth.status, { error: auth.body });
  const account = auth;
  if (action === 'events' && req.method === 'GET') return sendJson(res, 200, eventSummary(account));
  if (req.method !== 'POST') return sendJson(res, 405, { error: { type: 'invalid_request_error', message: 'Use POST.' } });
  let json: unknown;
  try {
    const raw = await readBody(req, 10_000);
    json = raw ? (JSON.parse(raw) as unknown) : {};
  } catch {
    return sendJson(res, 400, { error: { type: 'invalid_request_error', message: 'Body must be JSON.' } });
  }
  const bad = (error: z.ZodError) => sendJson(res, 400, { error: { type: 'invalid_request_error', message: error.issues[0]?.message ?? 'invalid', param: error.issues[0]?.path.join('.') } });
  switch (action) {
    case 'delivery': {
      const p = deliverySchema.safeParse(json);
      if (!p.success) return bad(p.error);
      account.deliveryMode = p.data.mode;
      return sendJson(res, 200, { mode: account.deliveryMode, held: account.held.length });
    }
    case 'flush': {
      const p = flushSchema.safeParse(json);
      if (!p.success) return bad(p.error);
      const delivered = await ctx.bus.flush(account, p.data);
      return sendJson(res, 200, { delivered });
    }
    case 'redeliver': {
      const p = redeliverSchema.safeParse(json);
      if (!p.success) return bad(p.error);
      const event = account.events.find((e) => e.id === p.data.event);
      if (!event) return sendJson(res, 404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such event: '${p.data.event}'` } });
      return sendJson(res, 200, { delivered: await ctx.bus.redeliver(account, event, p.data.repeat) });
    }
    case 'dispute':
    case 'dispute_evidence':
    case 'dispute_close':
      return disputeControl(res, account, action, json, ctx, bad);
    default:
      return notFound(res);
  }
}

/** Open a dispute on a payment, answer it, decide it: what a cardholder's bank and Stripe's reviewers do. */
function disputeControl(res: ServerResponse, account: Account, action: string, json: unknown, ctx: SimContext, bad: (e: z.ZodError) => void): void {
  const disputeOf = (id: string) => {
    const found = getObject(account, id, 'dispute');
    if (!found) throw new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such dispute: '${id}'`, param: 'dispute' });
    return found;
  };
  try {
    if (action === 'dispute') {
      const p = disputeSchema.safeParse(json);
      if (!p.success) return bad(p.error);
      return sendJson(res, 200, openDispute(account, ctx.bus, p.data.payment_intent, p.data));
    }
    if (action === 'dispute_evidence') {
      const p = disputeEvidenceSchema.safeParse(json);
      if (!p.success) return bad(p.error);
      return sendJson(res, 200, submitEvidence(account, ctx.bus, disputeOf(p.data.dispute), { uncategorized_text: p.data.text }));
    }
    const p = disputeCloseSchema.safeParse(json);
    if (!p.success) return bad(p.error);
    return sendJson(res, 200, closeDispute(account, ctx.bus, disputeOf(p.data.dispute), p.data.outcome));
  } catch (err) {
    if (err instanceof StripeApiError) return sendJson(res, err.status, { error: err.body });
    throw err;
  }
}

function mask(key: string): string {
  return `${key.slice(0, 8)}…${key.slice(-4)}`;
}

function indexPage(): string {
  return page(
    'Stripe',
    `<p>A stand-in for Stripe's API (at <code>/v1/…</code>, any <code>sk_test_…</code> key is its own account) and for the
pages a customer sees (hosted Checkout under <code>/stripe/checkout/pay/…</code>).</p>
<h2>Test cards</h2><table><tr><th>Number</th><th>On the hosted page</th><th>Saved, charged off-session</th></tr>
<tr><td>4242 4242 4242 4242</td><td>succeeds</td><td>succeeds</td></tr>
<tr><td>4000 0000 0000 9995</td><td>declined: insufficient funds (the session stays open); in setup mode it saves</td><td>402 card_declined / insufficient_funds</td></tr>
<tr><td>4000 0027 6000 3184</td><td>3-D Secure challenge: complete or fail</td><td>402 authentication_required</td></tr></table>
<p class="muted">Any future expiry, any CVC. Fees: 2.9% (rounded half up) + 25 minor units.</p>
<h2>Controls</h2><p>JSON, with <code>Authorization: Bearer sk_test_…</code> for the account:</p><ul>
<li><code>POST /stripe/_control/delivery {"mode":"hold"|"immediate"}</code> — queue webhooks instead of sending them</li>
<li><code>POST /stripe/_control/flush {"order":"forward"|"reverse","repeat":N}</code> — send the queue, each event N times</li>
<li><code>POST /stripe/_control/redeliver {"event":"evt_…","repeat":N}</code></li>
<li><code>POST /stripe/_control/dispute {"payment_intent":"pi_…","reason":"fraudulent","amount":N,"inquiry":false}</code> — the bank
opens a chargeback (amount and a 15.00 fee withdrawn) or, with <code>inquiry</code>, an inquiry; evidence is due in 7 days</li>
<li><code>POST /stripe/_control/dispute_evidence {"dispute":"dp_…"}</code> — evidence submitted: under review</li>
<li><code>POST /stripe/_control/dispute_close {"dispute":"dp_…","outcome":"won"|"lost"}</code> — the bank decides</li>
<li><code>GET /stripe/_control/events</code> — this account's events and delivery attempts</li></ul>
<p><a href="/stripe/events">Event log</a> · <a href="/stripe/disputes">Disputes</a> (open, answer and decide one on any paid payment)</p>`,
  );
}

function eventsPage(ctx: SimContext): string {
  const rows = [...ctx.accounts.values()]
    .flatMap((account) => account.events.map((event) => ({ account, event })))
    .sort((a, b) => b.event.created - a.event.created)
    .slice(0, 300)
    .map(({ account, event }) => {
      const attempts = account.deliveries.filter((d) => d.eventId === event.id);
      const delivery = attempts.length
        ? attempts.map((d) => `${escapeHtml(d.url)} #${d.attempt}: ${escapeHtml(d.status ?? d.error ?? '')}`).join('<br>')
        : account.held.includes(event) ? 'held' : '<span class="muted">no endpoint</span>';
      return `<tr><td>${escapeHtml(new Date(event.created * 1000).toISOString())}</td><td>${escapeHtml(mask(account.key))}</td><td><code>${escapeHtml(event.type)}</code><br><span class="muted">${escapeHtml(event.id)}</span></td><td>${escapeHtml(event.data.object.id)}</td><td>${delivery}</td></tr>`;
    })
    .join('');
  return page('Stripe events', `<table><tr><th>Created</th><th>Account</th><th>Event</th><th>Object</th><th>Deliveries</th></tr>${rows}</table>`);
}

export async function handlePages(req: IncomingMessage, res: ServerResponse, url: URL, ctx: SimContext): Promise<void> {
  const control_ = /^\/stripe\/_control\/([a-z_]+)$/.exec(url.pathname);
  if (control_?.[1]) return control(req, res, control_[1], ctx);
  if (url.pathname === '/stripe/disputes') return handleDisputePage(req, res, url, ctx);
  if (req.method !== 'GET') return notFound(res);
  if (url.pathname === '/stripe' || url.pathname === '/stripe/') return sendHtml(res, 200, indexPage());
  if (url.pathname === '/stripe/events') {
    if (url.searchParams.get('format') === 'json') {
      return sendJson(res, 200, [...ctx.accounts.values()].map((a) => ({ account: mask(a.key), ...eventSummary(a) })));
    }
    return sendHtml(res, 200, eventsPage(ctx));
  }
  return notFound(res);
}
