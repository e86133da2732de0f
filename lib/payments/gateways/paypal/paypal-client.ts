import { ApiError, Client, Environment, OrdersController, PaymentsController, VaultController } from '@paypal/paypal-server-sdk';
import { GatewayUnavailableError } from '@/lib/payments/gateway';

// The SDK client, plus the two things the SDK doesn't do for us: reaching a local stand-in (it hard-codes PayPal's
// hosts) and calling the webhook verify endpoint (not in the SDK).

export interface PaypalConfig {
  clientId: string;
  clientSecret: string;
  webhookId: string;
  environment: 'sandbox' | 'production';
  /** Simulator origin + '/paypal', e.g. http://127.0.0.1:4010/paypal. Unset: PayPal itself. */
  apiBase?: string;
  /** Shown to the buyer on PayPal's page instead of the account's business name. */
  brandName?: string;
}

const PAYPAL_ORIGINS = ['https://api-m.sandbox.paypal.com', 'https://api-m.paypal.com'];
const TIMEOUT_MS = 30_000;

/** The part of axios's request config the SDK fills in (responseType text, absolute url, body already a string). */
interface AxiosRequestLike {
  url?: string;
  method?: string;
  headers?: unknown;
  data?: unknown;
  timeout?: number;
}

function headerRecord(headers: unknown): Record<string, string> {
  const source = headers && typeof (headers as { toJSON?: unknown }).toJSON === 'function' ? (headers as { toJSON: () => unknown }).toJSON() : headers;
  const out: Record<string, string> = {};
  if (source && typeof source === 'object') {
    for (const [k, v] of Object.entries(source as Record<string, unknown>)) {
      if (v !== undefined && v !== null && v !== false) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
    }
  }
  return out;
}

/**
 * An axios adapter (passed through the SDK's unstable_httpClientOptions) that sends PayPal's requests to `apiBase`
 * instead, using fetch. Requests for any other host are refused: in stand-in mode nothing may reach real PayPal.
 */
export function originSwapAdapter(apiBase: string) {
  const base = apiBase.replace(/\/$/, '');
  return async (config: AxiosRequestLike) => {
    const url = config.url ?? '';
    const origin = PAYPAL_ORIGINS.find((o) => url === o || url.startsWith(`${o}/`));
    if (!origin) throw new Error(`refusing to send a PayPal SDK request to ${url} while pointed at ${base}`);
    const res = await fetch(`${base}${url.slice(origin.length)}`, {
      method: (config.method ?? 'get').toUpperCase(),
      headers: headerRecord(config.headers),
      body: typeof config.data === 'string' ? config.data : undefined,
      signal: AbortSignal.timeout(config.timeout || TIMEOUT_MS),
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { data: await res.text(), status: res.status, statusText: res.statusText, headers, config, request: {} };
  };
}

export function createSdk(config: PaypalConfig) {
  const client = new Client({
    clientCredentialsAuthCredentials: { oAuthClientId: config.clientId, oAuthClientSecret: config.clientSecret },
    environment: config.environment === 'production' ? Environment.Production : Environment.Sandbox,
    timeout: TIMEOUT_MS,
    ...(config.apiBase ? { unstable_httpClientOptions: { adapter: originSwapAdapter(config.apiBase) } } : {}),
  });
  return { orders: new OrdersController(client), payments: new PaymentsController(client), vault: new VaultController(client) };
}

export function apiOrigin(config: PaypalConfig): string {
  if (config.apiBase) return config.apiBase.replace(/\/$/, '');
  return config.environment === 'production' ? 'https://api-m.paypal.com' : 'https://api-m.sandbox.paypal.com';
}

/** What PayPal said when it refused: its error name and the first detail's issue (ORDER_NOT_APPROVED, …). */
export interface PaypalRefusal {
  status: number;
  name: string;
  issue: string | null;
  description: string;
}

export function refusalOf(err: unknown): PaypalRefusal | null {
  if (!(err instanceof ApiError)) return null;
  let body: unknown = err.result;
  if (body === undefined && typeof err.body === 'string') {
    try {
      body = JSON.parse(err.body) as unknown;
    } catch {
      body = undefined;
    }
  }
  const b = (body ?? {}) as { name?: unknown; message?: unknown; error?: unknown; error_description?: unknown; details?: { issue?: unknown; description?: unknown }[] };
  const detail = Array.isArray(b.details) ? b.details[0] : undefined;
  return {
    status: err.statusCode,
    name: typeof b.name === 'string' ? b.name : typeof b.error === 'string' ? b.error : `HTTP_${err.statusCode}`,
    issue: typeof detail?.issue === 'string' ? detail.issue : null,
    description: typeof detail?.description === 'string' ? detail.description : typeof b.message === 'string' ? b.message : typeof b.error_description === 'string' ? b.error_description : err.message,
  };
}

/** Auth failures and anything that isn't a 4xx business answer: nothing happened that we can act on. */
export function unavailable(err: unknown, what: string): GatewayUnavailableError {
  const refusal = refusalOf(err);
  if (refusal && (refusal.status === 401 || refusal.name === 'invalid_client')) {
    return new GatewayUnavailableError(`PayPal rejected the client id/secret while ${what} (${refusal.name}): check the PayPal API credentials`, { cause: err });
  }
  if (refusal) return new GatewayUnavailableError(`PayPal answered ${refusal.status} ${refusal.name}${refusal.issue ? `/${refusal.issue}` : ''} while ${what}`, { cause: err });
  return new GatewayUnavailableError(`PayPal unreachable while ${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/** An OAuth token for the REST calls the SDK lacks, cached until shortly before it expires. */
export function createTokenSource(config: PaypalConfig) {
  let cached: { token: string; expiresAt: number } | null = null;
  return {
    async get(): Promise<string> {
      if (cached && cached.expiresAt > Date.now()) return cached.token;
      let res: Response;
      try {
        res = await fetch(`${apiOrigin(config)}/v1/oauth2/token`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (err) {
        throw new GatewayUnavailableError(`PayPal unreachable while requesting a token: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      const body = (await res.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
      if (res.status === 401) throw new GatewayUnavailableError('PayPal rejected the client id/secret (invalid_client): check the PayPal API credentials');
      if (!res.ok || typeof body?.access_token !== 'string') throw new GatewayUnavailableError(`PayPal token request answered ${res.status}`);
      const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 300;
      // A minute's margin so a token never expires between our check and PayPal's.
      cached = { token: body.access_token, expiresAt: Date.now() + Math.max(0, lifetime - 60) * 1000 };
      return cached.token;
    },
    invalidate(): void {
      cached = null;
    },
  };
}
