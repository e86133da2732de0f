import { z } from 'zod';
import { env, sandboxBaseUrl, type Env } from '@/lib/config/env';
import { normaliseVatNumber } from '@/lib/tax/vat-number';
import { vatPrefixOf } from '@/lib/tax/eu';

// The European Commission's VIES REST API: POST {base}/check-vat-number with {countryCode, vatNumber}, where
// countryCode is the VAT prefix (EL for Greece) and vatNumber the number without it. It answers 200 with
// {countryCode, vatNumber, requestDate, valid, name, address, …}; when a member state's system is down it answers
// with {actionSucceed: false, errorWrappers: [{error: 'MS_UNAVAILABLE' | 'TIMEOUT' | …}]}.

export const VIES_BASE_URL = 'https://ec.europa.eu/taxation_customs/vies/rest-api';
const DEFAULT_TIMEOUT_MS = 5_000;

/** The sandbox simulator in sandbox mode, the real service in production. */
export function viesBaseUrl(e: Env = env()): string {
  return e.APP_MODE === 'sandbox' ? `${sandboxBaseUrl(e)}/vies` : VIES_BASE_URL;
}

const checkResponse = z.object({
  valid: z.boolean(),
  countryCode: z.string().optional(),
  vatNumber: z.string().optional(),
  requestDate: z.string().optional(),
  name: z.string().nullish(),
  address: z.string().nullish(),
});

const errorResponse = z.object({
  actionSucceed: z.literal(false).optional(),
  errorWrappers: z.array(z.object({ error: z.string(), message: z.string().nullish() })).min(1),
});

export type ViesStatus = 'valid' | 'invalid' | 'unavailable';

/** `unavailable` means VIES couldn't answer: checkout falls back to the format check alone. */
export interface ViesCheckResult {
  status: ViesStatus;
  name?: string;
  address?: string;
  /** Why VIES was unavailable, for logs. */
  detail?: string;
}

export interface ViesClientOptions {
  baseUrl?: string;
  timeoutMs?: number;
}

/** VIES shows "---" where a member state doesn't disclose the trader's name or address. */
function disclosed(value: string | null | undefined): string | undefined {
  const v = value?.trim();
  return v && v !== '---' ? v : undefined;
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return (await res.json()) as unknown;
  } catch {
    return null;
  }
}

/**
 * Asks VIES whether a VAT number is registered. `countryCode` is the ISO code or VAT prefix (GR and EL both work);
 * `vatNumber` may carry the prefix and separators. Network errors, timeouts, 5xx and VIES's own service errors are
 * `unavailable`; only a definite answer (or VIES calling the input invalid) is `valid` / `invalid`.
 */
export async function checkVatNumber(countryCode: string, vatNumber: string, opts: ViesClientOptions = {}): Promise<ViesCheckResult> {
  const prefix = vatPrefixOf(countryCode);
  const normalised = normaliseVatNumber(vatNumber);
  const number = normalised.startsWith(prefix) ? normalised.slice(prefix.length) : normalised;
  const base = (opts.baseUrl ?? VIES_BASE_URL).replace(/\/+$/, '');
  let res: Response;
  try {
    res = await fetch(`${base}/check-vat-number`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ countryCode: prefix, vatNumber: number }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (err) {
    return { status: 'unavailable', detail: err instanceof Error ? err.message : String(err) };
  }
  const body = await readJson(res);
  const failure = errorResponse.safeParse(body);
  if (failure.success) {
    const code = failure.data.errorWrappers[0]?.error ?? 'UNKNOWN';
    return code === 'INVALID_INPUT' ? { status: 'invalid' } : { status: 'unavailable', detail: code };
  }
  if (!res.ok) return { status: 'unavailable', detail: `HTTP ${res.status}` };
  const parsed = checkResponse.safeParse(body);
  if (!parsed.success) return { status: 'unavailable', detail: 'unexpected response from VIES' };
  if (!parsed.data.valid) return { status: 'invalid' };
  const name = disclosed(parsed.data.name);
  const address = disclosed(parsed.data.address);
  return { status: 'valid', ...(name ? { name } : {}), ...(address ? { address } : {}) };
}
