import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { createFaults, faultsSchema } from '@/sandbox/shared/faults';
import { escapeHtml, notFound, page, readBody, sendHtml, sendJson } from '@/sandbox/shared/http';
import { isValidVatNumberFormat } from '@/lib/tax/vat-number';

// Stands in for VIES's POST /check-vat-number (see lib/integrations/vies/client.ts) under the sandbox's /vies
// prefix, answering with VIES's shapes. The rule: a number is registered when it has its country's format and does
// not end in "000" — so DE123456789 is valid and DE123456000 is a well-formed number VIES doesn't know — unless a
// test registered or deregistered it (POST /vies/_control/numbers). Country code "XX" answers 503 MS_UNAVAILABLE.
// With a valid requester number the answer carries a consultation number (requestIdentifier), as VIES's does.
// Faults (POST /vies/_control/faults) fail or hang the next checks with a VIES error code of choice.

const PREFIX = '/vies';

const requestSchema = z.object({
  countryCode: z.string().length(2),
  vatNumber: z.string().min(1).max(20),
  requesterMemberStateCode: z.string().length(2).optional(),
  requesterNumber: z.string().min(1).max(20).optional(),
});

/** VIES's error codes for "can't answer now" (INVALID_INPUT and INVALID_REQUESTER_INFO are answers about the input). */
export const VIES_OUTAGE_CODES = ['SERVICE_UNAVAILABLE', 'MS_UNAVAILABLE', 'TIMEOUT', 'MS_MAX_CONCURRENT_REQ', 'GLOBAL_MAX_CONCURRENT_REQ', 'VAT_BLOCKED', 'IP_BLOCKED'] as const;

const viesFaultsSchema = faultsSchema.extend({ error: z.enum(VIES_OUTAGE_CODES).optional() });
const numbersSchema = z.object({
  register: z.array(z.string().min(3).max(22)).max(1000).optional(),
  deregister: z.array(z.string().min(3).max(22)).max(1000).optional(),
});

export interface ViesSimulator {
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  reset: () => void;
}

const errorBody = (error: string) => ({ actionSucceed: false, errorWrappers: [{ error }] });
const key = (countryCode: string, vatNumber: string) => `${countryCode}${vatNumber}`.toUpperCase().replace(/[\s.-]/g, '');

export function createViesSimulator(): ViesSimulator {
  let faultError: (typeof VIES_OUTAGE_CODES)[number] = 'SERVICE_UNAVAILABLE';
  const faults = createFaults(() => errorBody(faultError));
  /** Numbers a test registered (true) or deregistered (false), overriding the rule. */
  const overrides = new Map<string, boolean>();
  /** Checks asked per number (faulted ones included), so tests can see who was checked. */
  const checks = new Map<string, number>();

  const registered = (countryCode: string, vatNumber: string): boolean => {
    const override = overrides.get(key(countryCode, vatNumber));
    if (override !== undefined) return override;
    return isValidVatNumberFormat(countryCode === 'EL' ? 'GR' : countryCode, `${countryCode}${vatNumber}`) && !vatNumber.endsWith('000');
  };

  async function readJson(req: IncomingMessage): Promise<unknown> {
    try {
      return JSON.parse((await readBody(req, 10_000)) || '{}') as unknown;
    } catch {
      return undefined;
    }
  }

  async function check(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = await readJson(req);
    const parsed = requestSchema.safeParse(json);
    if (!parsed.success) return sendJson(res, 400, errorBody('INVALID_INPUT'));
    const countryCode = parsed.data.countryCode.toUpperCase();
    const vatNumber = parsed.data.vatNumber.toUpperCase();
    const k = key(countryCode, vatNumber);
    checks.set(k, (checks.get(k) ?? 0) + 1);
    if (await faults.apply(res)) return;
    if (countryCode === 'XX') return sendJson(res, 503, errorBody('MS_UNAVAILABLE'));
    const { requesterMemberStateCode: rCountry, requesterNumber: rNumber } = parsed.data;
    if ((rCountry === undefined) !== (rNumber === undefined) || (rCountry && rNumber && !registered(rCountry.toUpperCase(), rNumber.toUpperCase()))) {
      return sendJson(res, 400, errorBody('INVALID_REQUESTER_INFO'));
    }
    const valid = registered(countryCode, vatNumber);
    // VIES gives a consultation number only to a requester who identified themselves, valid or not.
    const requestIdentifier = rCountry ? `WAPI${randomBytes(6).toString('hex').toUpperCase()}` : '';
    sendJson(res, 200, {
      countryCode,
      vatNumber,
      requestDate: new Date().toISOString(),
      valid,
      requestIdentifier,
      name: valid ? `Sandbox Trader ${countryCode}${vatNumber}` : '---',
      address: valid ? '1 Simulated Street\n1000 Sandbox' : '---',
      traderName: '',
      traderStreet: '',
      traderPostalCode: '',
      traderCity: '',
      traderCompanyType: '',
      traderNameMatch: 'NOT_PROCESSED',
      traderStreetMatch: 'NOT_PROCESSED',
      traderPostalCodeMatch: 'NOT_PROCESSED',
      traderCityMatch: 'NOT_PROCESSED',
      traderCompanyTypeMatch: 'NOT_PROCESSED',
    });
  }

  const reset = () => {
    faults.set({ clear: true });
    faultError = 'SERVICE_UNAVAILABLE';
    overrides.clear();
    checks.clear();
  };
  const state = () => ({ faults: { ...faults.state(), error: faultError }, overrides: Object.fromEntries(overrides), checks: Object.fromEntries(checks) });

  async function control(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (name === 'state' && req.method === 'GET') return sendJson(res, 200, state());
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' });
    if (name === 'reset') {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    const json = await readJson(req);
    if (json === undefined) return sendJson(res, 400, { error: 'invalid JSON' });
    if (name === 'faults') {
      const parsed = viesFaultsSchema.safeParse(json);
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      faults.set(parsed.data);
      if (parsed.data.clear) faultError = 'SERVICE_UNAVAILABLE';
      if (parsed.data.error) faultError = parsed.data.error;
      return sendJson(res, 200, state().faults);
    }
    if (name === 'numbers') {
      const parsed = numbersSchema.safeParse(json);
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      for (const n of parsed.data.register ?? []) overrides.set(key(n, ''), true);
      for (const n of parsed.data.deregister ?? []) overrides.set(key(n, ''), false);
      return sendJson(res, 200, { overrides: Object.fromEntries(overrides) });
    }
    return notFound(res);
  }

  return {
    reset,
    handle: async (req, res, url) => {
      if (url.pathname === `${PREFIX}/check-vat-number`) {
        if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' });
        return check(req, res);
      }
      const controlMatch = /^\/vies\/_control\/([a-z]+)$/.exec(url.pathname);
      if (controlMatch) return control(req, res, controlMatch[1]!);
      if ((url.pathname === PREFIX || url.pathname === `${PREFIX}/`) && req.method === 'GET') {
        const s = state();
        const rows = Object.entries(s.checks)
          .map(([n, c]) => `<li><code>${escapeHtml(n)}</code>: ${c} check(s)${s.overrides[n] === undefined ? '' : s.overrides[n] ? ' (registered by a test)' : ' (deregistered by a test)'}</li>`)
          .join('');
        return sendHtml(
          res,
          200,
          page(
            'VIES',
            `<p>POST <code>/vies/check-vat-number</code> with <code>{"countryCode":"DE","vatNumber":"123456789"}</code>
(add <code>requesterMemberStateCode</code> and <code>requesterNumber</code> for a consultation number).
A number is valid when it has its country's format and doesn't end in 000; country XX answers 503 MS_UNAVAILABLE.</p>
<p class="muted">Controls: POST ${PREFIX}/_control/numbers <code>{"register":["DE123456000"],"deregister":["DE123456789"]}</code>,
${PREFIX}/_control/faults <code>{"failNext":N,"failStatus":503,"hangNext":N,"delayMs":N,"error":"MS_UNAVAILABLE"}</code> (or <code>{"clear":true}</code>),
${PREFIX}/_control/reset; GET ${PREFIX}/_control/state.</p><ul>${rows}</ul>`,
          ),
        );
      }
      return notFound(res);
    },
  };
}
