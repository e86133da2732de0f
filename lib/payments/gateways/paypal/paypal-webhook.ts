import { type GatewayEvent, GatewayUnavailableError, type MinorDigitsOf, type WebhookRequest, WebhookSignatureError } from '@/lib/payments/gateway';
import { verifyDeliveryOnce } from '@/lib/payments/verify-delivery-once';
import { apiOrigin, type createTokenSource, type PaypalConfig } from './paypal-client';
import { eventSchema, mapEvent } from './paypal-events';

// PayPal signs deliveries with a certificate; merchants don't check it themselves but ask PayPal's verify endpoint
// (not in the SDK), passing the PAYPAL-* headers, our webhook id and the event as received.

type TokenSource = ReturnType<typeof createTokenSource>;

const HEADERS = {
  auth_algo: 'paypal-auth-algo',
  cert_url: 'paypal-cert-url',
  transmission_id: 'paypal-transmission-id',
  transmission_sig: 'paypal-transmission-sig',
  transmission_time: 'paypal-transmission-time',
} as const;

export async function parsePaypalWebhook(config: PaypalConfig, tokens: TokenSource, req: WebhookRequest, digitsOf: MinorDigitsOf): Promise<GatewayEvent[]> {
  const lower = new Map(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const fields: Record<string, string> = {};
  const missing: string[] = [];
  for (const [field, header] of Object.entries(HEADERS)) {
    const value = lower.get(header);
    if (value) fields[field] = value;
    else missing.push(header);
  }
  if (missing.length) throw new WebhookSignatureError(`PayPal webhook without ${missing.join(', ')}`);
  let json: unknown;
  try {
    json = JSON.parse(req.rawBody) as unknown;
  } catch {
    throw new WebhookSignatureError('PayPal webhook body is not JSON');
  }
  const event = eventSchema.safeParse(json);
  if (!event.success) throw new WebhookSignatureError('PayPal webhook body is not an event');
  // A replayed delivery gets the answer PayPal gave the first time, not another verify call.
  const delivery = { gateway: 'paypal', eventId: event.data.id, parts: [config.webhookId, ...Object.values(fields), req.rawBody] };
  const status = await verifyDeliveryOnce(delivery, () => verifySignature(config, tokens, { ...fields, webhook_id: config.webhookId, webhook_event: json }));
  if (status !== 'SUCCESS') throw new WebhookSignatureError('PayPal could not verify the webhook signature');
  return [mapEvent(event.data, digitsOf)];
}

/** POST /v1/notifications/verify-webhook-signature; retries once with a fresh token if ours was refused. */
async function verifySignature(config: PaypalConfig, tokens: TokenSource, body: Record<string, unknown>): Promise<string> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = await tokens.get();
    let res: Response;
    try {
      res = await fetch(`${apiOrigin(config)}/v1/notifications/verify-webhook-signature`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      throw new GatewayUnavailableError('PayPal unreachable while verifying a webhook', { cause: err });
    }
    if (res.status === 401 && attempt === 0) {
      tokens.invalidate();
      continue;
    }
    const json = (await res.json().catch(() => null)) as { verification_status?: unknown } | null;
    if (!res.ok || typeof json?.verification_status !== 'string') throw new GatewayUnavailableError(`PayPal webhook verification answered ${res.status}`);
    return json.verification_status;
  }
  throw new GatewayUnavailableError('PayPal kept refusing our token while verifying a webhook');
}
