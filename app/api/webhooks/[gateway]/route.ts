import { AppError } from '@/lib/errors/app-error';
import { GatewayUnavailableError, WebhookSignatureError } from '@/lib/payments/gateway';
import { handleGatewayWebhook } from '@/lib/payments/handle-gateway-events';
import { gatewayIdSchema } from '@/lib/payments/registry';
import { readLimitedBody } from '@/lib/security/read-limited-body';
import { contextForHost } from '@/lib/tenancy/request-context';

const gatewaySchema = gatewayIdSchema();
/** Gateway events are a few KB; anything near this is not theirs. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * POST /api/webhooks/<gateway id> on any host of a storefront: the Host picks the storefront (and
 * so its keys), the raw body is verified before anything is read from it. 400 for a bad signature (the gateway
 * will not retry a forgery); 503 when the gateway itself could not be asked (it retries later); 413 for a body over
 * 1 MB, refused before it is read in full or parsed.
 */
export async function POST(req: Request, ctx: { params: Promise<{ gateway: string }> }): Promise<Response> {
  const gateway = gatewaySchema.safeParse((await ctx.params).gateway);
  if (!gateway.success) return Response.json({ error: 'Unknown gateway.' }, { status: 404 });
  const rawBody = await readLimitedBody(req, MAX_BODY_BYTES);
  if (rawBody === null) return Response.json({ error: 'Body too large.' }, { status: 413 });
  // A suspended storefront's money events are still taken in (proxy.ts lets /api/webhooks/ through for it).
  const store = await contextForHost(req.headers.get('host'), { includeSuspended: true });
  if (!store) return Response.json({ error: 'Unknown store.' }, { status: 404 });
  try {
    const result = await handleGatewayWebhook(store.db, store.storefront, gateway.data, { rawBody, headers: Object.fromEntries(req.headers.entries()) });
    return Response.json({ received: true, ...result });
  } catch (err) {
    if (err instanceof WebhookSignatureError) return Response.json({ error: `Signature check failed: ${err.message}` }, { status: 400 });
    if (err instanceof GatewayUnavailableError) return Response.json({ error: 'Gateway unavailable; retry later.' }, { status: 503 });
    if (err instanceof AppError) return Response.json({ error: err.message }, { status: err.status });
    throw err;
  }
}
