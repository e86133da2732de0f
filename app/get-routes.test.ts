import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A GET can be sent by a link scanner, a prefetch, or another site's <img> with the visitor's cookies, so a GET
// handler must not change state. Every GET route is listed here with why it is safe; a new one fails this test
// until someone has looked at it. A one-time link opens a page with a POST button instead (components/ui/token-page).
const REVIEWED: Record<string, string> = {
  'admin/(shell)/invoices/[id]/pdf/route.ts': 'reads only',
  'admin/audit-export/route.ts': 'reads only',
  'account/(shell)/invoices/[id]/pdf/route.ts': 'reads only',
  'api/health/route.ts': 'reads only',
  'account/(shell)/services/[id]/desktop/route.ts':
    "what the desktop card polls: reads; the only write records that a starting session the panel reports running is running (the panel's own state, idempotent), for the signed-in account's own service",
  'account/(shell)/services/[id]/desktop/open/route.ts': "reads the running session's link and redirects to it, for the signed-in account's own service",
  'api/tls/ask/route.ts': "reads the hostname cache; the only write is the caller's rate-limit counter",
  'api/brand-assets/[file]/route.ts': 'reads only (a storefront\'s own logo or favicon from the file store)',
  'account/data-export/route.ts': 'reads; the only write is the audit row saying the customer downloaded their data',
  'account/(shell)/invoices/[id]/payment-return/route.ts':
    "the gateway's return and cancel URLs are GETs it chooses; settling asks the gateway what happened and is idempotent, for the signed-in customer's own unguessable attempt",
  'account/(shell)/payment-methods/added/route.ts': "the gateway's return URL, as above: stores a card only if the gateway says the customer added it",
  'account/(shell)/invoices/payment-return/route.ts': "the gateway's return and cancel URLs of a payment of several invoices, as above: settling is idempotent, for the customer's own attempt",
  'account/(shell)/credit-notes/[id]/pdf/route.ts': 'reads only',
  'admin/(shell)/credit-notes/[id]/pdf/route.ts': 'reads only',
  'admin/(shell)/services/cancellations/export/route.ts': 'reads only',
};

const appDir = fileURLToPath(new URL('.', import.meta.url));

function getRoutes(): string[] {
  return (readdirSync(appDir, { recursive: true }) as string[])
    .map((p) => p.split('\\').join('/'))
    .filter((p) => p.endsWith('/route.ts') || p === 'route.ts')
    .filter((p) => /export\s+(async\s+)?function\s+GET\b|export\s+const\s+GET\b|export\s*\{[^}]*\bGET\b/.test(readFileSync(`${appDir}${p}`, 'utf8')))
    .sort();
}

describe('GET routes', () => {
  it('are exactly the reviewed ones (none changes state without a reason written here)', () => {
    expect(getRoutes()).toEqual(Object.keys(REVIEWED).sort());
  });

  it('the impersonation hand-off is a page with a POST button, not a GET that signs in', () => {
    expect(getRoutes()).not.toContain('account/impersonate/route.ts');
    expect(readFileSync(`${appDir}account/impersonate/page.tsx`, 'utf8')).toContain('TokenConfirmPage');
  });
});
