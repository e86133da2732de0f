import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { notFound, page, readBody, sendHtml, sendJson } from '@/sandbox/shared/http';
import { isValidVatNumberFormat } from '@/lib/tax/vat-number';

// Stands in for VIES's POST /check-vat-number (see client.ts) under the sandbox's /vies prefix. The rule:
// a number is registered when it has its country's format and does not end in "000" — so DE123456789 is valid
// and DE123456000 is a well-formed number VIES doesn't know. Country code "XX" answers 503 MS_UNAVAILABLE, so
// the client's fallback can be tried.

const requestSchema = z.object({ countryCode: z.string().length(2), vatNumber: z.string().min(1).max(20) });

export interface ViesSimulator {
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
}

export function createViesSimulator(): ViesSimulator {
  async function check(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req, 10_000)) as unknown;
    } catch {
      return sendJson(res, 400, { actionSucceed: false, errorWrappers: [{ error: 'INVALID_INPUT' }] });
    }
    const parsed = requestSchema.safeParse(json);
    if (!parsed.success) return sendJson(res, 400, { actionSucceed: false, errorWrappers: [{ error: 'INVALID_INPUT' }] });
    const countryCode = parsed.data.countryCode.toUpperCase();
    const vatNumber = parsed.data.vatNumber.toUpperCase();
    if (countryCode === 'XX') return sendJson(res, 503, { actionSucceed: false, errorWrappers: [{ error: 'MS_UNAVAILABLE' }] });
    const valid = isValidVatNumberFormat(countryCode === 'EL' ? 'GR' : countryCode, `${countryCode}${vatNumber}`) && !vatNumber.endsWith('000');
    sendJson(res, 200, {
      countryCode,
      vatNumber,
      requestDate: new Date().toISOString(),
      valid,
      requestIdentifier: '',
      name: valid ? `Sandbox Trader ${countryCode}${vatNumber}` : '---',
      address: valid ? '1 Simulated Street\n1000 Sandbox' : '---',
    });
  }

  return {
    handle: async (req, res, url) => {
      if (url.pathname === '/vies/check-vat-number') {
        if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed' });
        return check(req, res);
      }
      if (url.pathname === '/vies' && req.method === 'GET') {
        return sendHtml(res, 200, page('VIES', `<p>POST <code>/vies/check-vat-number</code> with <code>{"countryCode":"DE","vatNumber":"123456789"}</code>.
A number is valid when it has its country's format and doesn't end in 000; country XX answers 503.</p>`));
      }
      return notFound(res);
    },
  };
}
