import { z } from 'zod';
import { type createDisputeOps, acceptClaimSchema, adjudicateSchema, disputeJson } from './simulator-disputes';
import { type Account, type ApiResult, paypalError } from './simulator-state';

// Where disputes meet the router: the Customer Disputes v1 paths, and the sandbox controls that play the buyer and
// PayPal (/paypal/_control/dispute, dispute-evidence, dispute-resolve).

type Ops = ReturnType<typeof createDisputeOps>;
type ParseBody = <T>(schema: z.ZodType<T>, json: unknown) => { ok: true; data: T } | { ok: false; result: ApiResult };

const openSchema = z.object({
  capture_id: z.string().min(1),
  reason: z.string().min(1).default('MERCHANDISE_OR_SERVICE_NOT_RECEIVED'),
  amount: z.object({ currency_code: z.string().length(3), value: z.string().regex(/^\d{1,15}(\.\d{1,3})?$/) }).optional(),
});
const evidenceSchema = z.object({ dispute_id: z.string().min(1) });
const resolveSchema = z.object({ dispute_id: z.string().min(1), outcome: z.enum(['BUYER_FAVOR', 'SELLER_FAVOR']) });

const notFound = (): ApiResult => paypalError(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID', 'Specified resource ID does not exist. Please check the resource ID and try again.');

/** GET /v1/customer/disputes/{id}, POST …/adjudicate (sandbox only), POST …/accept-claim; null for other paths. */
export function disputeApi(ops: Ops, account: Account, method: string, path: string, json: unknown, origin: string, parseBody: ParseBody): ApiResult | null {
  const m = /^\/v1\/customer\/disputes\/([^/]+)(\/adjudicate|\/accept-claim)?$/.exec(path);
  if (!m) return null;
  const dispute = account.disputes.get(decodeURIComponent(m[1]!));
  if (!dispute) return notFound();
  if (!m[2] && method === 'GET') return { status: 200, body: disputeJson(dispute, account.captures.get(dispute.captureId), origin) };
  if (m[2] === '/adjudicate' && method === 'POST') {
    const body = parseBody(adjudicateSchema, json);
    return body.ok ? ops.adjudicate(account, dispute, body.data, origin) : body.result;
  }
  if (m[2] === '/accept-claim' && method === 'POST') {
    const body = parseBody(acceptClaimSchema, json);
    return body.ok ? ops.resolveDispute(account, dispute, 'ACCEPTED', origin) : body.result;
  }
  return null;
}

/** The dispute controls; null for any other action. */
export function disputeControl(ops: Ops, account: Account, action: string, json: unknown, origin: string): ApiResult | null {
  const bad = (error: z.ZodError): ApiResult => ({ status: 400, body: { error: 'invalid_request', issues: error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } });
  if (action === 'dispute') {
    const p = openSchema.safeParse(json);
    if (!p.success) return bad(p.error);
    const capture = account.captures.get(p.data.capture_id);
    if (!capture) return { status: 404, body: { error: 'unknown_capture' } };
    return ops.openDispute(account, capture, { reason: p.data.reason, ...(p.data.amount ? { amount: p.data.amount } : {}) }, origin);
  }
  if (action !== 'dispute-evidence' && action !== 'dispute-resolve') return null;
  const p = (action === 'dispute-evidence' ? evidenceSchema : resolveSchema).safeParse(json);
  if (!p.success) return bad(p.error);
  const dispute = account.disputes.get(p.data.dispute_id);
  if (!dispute) return { status: 404, body: { error: 'unknown_dispute' } };
  if (!('outcome' in p.data)) return ops.reviewDispute(account, dispute, origin);
  return ops.resolveDispute(account, dispute, p.data.outcome === 'BUYER_FAVOR' ? 'RESOLVED_BUYER_FAVOUR' : 'RESOLVED_SELLER_FAVOUR', origin);
}
