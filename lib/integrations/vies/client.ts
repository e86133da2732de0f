import { z } from 'zod';
import { env, sandboxBaseUrl, type Env } from '@/lib/config/env';
import { normaliseVatNumber } from '@/lib/tax/vat-number';
import { isEuCountry, vatPrefixOf } from '@/lib/tax/eu';

// The European Commission's VIES REST API: POST {base}/check-vat-number with {countryCode, vatNumber}, where
// countryCode is the VAT prefix (EL for Greece) and vatNumber the number without it; with the requester's own
// number (requesterMemberStateCode, requesterNumber) VIES also hands out a consultation number
// (requestIdentifier), the proof a tax office accepts that the check was made. It answers 200 with
// {countryCode, vatNumber, requestDate, valid, requestIdentifier, name, address, …}; when it or a member state's
// system can't answer: {actionSucceed: false, errorWrappers: [{error: 'MS_UNAVAILABLE' | 'TIMEOUT' | …}]}.

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
  requestIdentifier: z.string().nullish(),
  name: z.string().nullish(),
  address: z.string().nullish(),
});

const errorResponse = z.object({
  actionSucceed: z.literal(false).optional(),
  errorWrappers: z.array(z.object({ error: z.string(), message: z.string().nullish() })).min(1),
});

export type ViesStatus = 'valid' | 'invalid' | 'unavailable';

/** `unavailable` means VIES couldn't answer: the caller keeps whatever it knew before. */
export interface ViesCheckResult {
  status: ViesStatus;
  name?: string;
  address?: string;
  /** The consultation number, when the check was made with a requester number VIES accepted. */
  requestIdentifier?: string;
  /** Why VIES was unavailable (its error code, "HTTP 502", a network error), for logs and alerts. */
  detail?: string;
}

/** VIES's codes for "this member state can't answer now" (the others mean VIES as a whole can't). */
export function isMemberStateOutage(detail: string | undefined): boolean {
  return detail === 'MS_UNAVAILABLE' || detail === 'MS_MAX_CONCURRENT_REQ';
}

export interface ViesClientOptions {
  baseUrl?: string;
  timeoutMs?: number;
  /** The seller's own VAT number (any format toPrefixedVatNumber accepts, prefix included), for a consultation number. */
  requester?: string | null;
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

/** The requester's number split as VIES wants it, or null when it isn't an EU VAT number. */
function requesterOf(raw: string | null | undefined): { requesterMemberStateCode: string; requesterNumber: string } | null {
  const vat = raw ? normaliseVatNumber(raw) : '';
  const prefix = vat.slice(0, 2);
  if (!/^[A-Z]{2}$/.test(prefix) || !isEuCountry(prefix === 'EL' ? 'GR' : prefix) || vat.length < 4) return null;
  return { requesterMemberStateCode: prefix, requesterNumber: vat.slice(2) };
}

type Attempt = { result: ViesCheckResult; code?: string };

async function post(base: string, body: Record<string, string>, timeoutMs: number): Promise<Attempt> {
  let res: Response;
  try {
    res = await fetch(`${base}/check-vat-number`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return { result: { status: 'unavailable', detail: err instanceof Error ? err.message : String(err) } };
  }
  const json = await readJson(res);
  const failure = errorResponse.safeParse(json);
  if (failure.success) {
    const code = failure.data.errorWrappers[0]?.error ?? 'UNKNOWN';
    return { code, result: code === 'INVALID_INPUT' ? { status: 'invalid' } : { status: 'unavailable', detail: code } };
  }
  if (!res.ok) return { result: { status: 'unavailable', detail: `HTTP ${res.status}` } };
  const parsed = checkResponse.safeParse(json);
  if (!parsed.success) return { result: { status: 'unavailable', detail: 'unexpected response from VIES' } };
  if (!parsed.data.valid) return { result: { status: 'invalid' } };
  const name = disclosed(parsed.data.name);
  const address = disclosed(parsed.data.address);
  const requestIdentifier = parsed.data.requestIdentifier?.trim();
  return { result: { status: 'valid', ...(name ? { name } : {}), ...(address ? { address } : {}), ...(requestIdentifier ? { requestIdentifier } : {}) } };
}

/**
 * Asks VIES whether a VAT number is registered. `countryCode` is the ISO code or VAT prefix (GR and EL both work);
 * `vatNumber` may carry the prefix and separators. Network errors, timeouts, 5xx and VIES's own service errors are
 * `unavailable`; only a definite answer (or VIES calling the input invalid) is `valid` / `invalid`. A requester
 * number VIES refuses (INVALID_REQUESTER_INFO: the seller's own number is mistyped) costs the consultation number,
 * not the check: it is asked again without one.
 */
export async function checkVatNumber(countryCode: string, vatNumber: string, opts: ViesClientOptions = {}): Promise<ViesCheckResult> {
  const prefix = vatPrefixOf(countryCode);
  const normalised = normaliseVatNumber(vatNumber);
  const number = normalised.startsWith(prefix) ? normalised.slice(prefix.length) : normalised;
  const base = (opts.baseUrl ?? VIES_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const requester = requesterOf(opts.requester);
  const first = await post(base, { countryCode: prefix, vatNumber: number, ...(requester ?? {}) }, timeoutMs);
  if (requester && first.code === 'INVALID_REQUESTER_INFO') return (await post(base, { countryCode: prefix, vatNumber: number }, timeoutMs)).result;
  return first.result;
}
