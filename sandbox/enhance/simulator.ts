import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSandboxCredential, SANDBOX_CREDENTIAL_PREFIX } from '@/sandbox/shared/credentials';
import { createFaults, faultsSchema, type Faults } from '@/sandbox/shared/faults';
import { escapeHtml, notFound, page, readBody, sendHtml, sendJson, type SandboxHandler } from '@/sandbox/shared/http';
import { handleEnhanceApi } from './simulator-api';
import { ENHANCE_SIM_ORG_ID, EnhanceSimState, SIM_PLANS, realmSnapshot } from './simulator-state';

// Stands in for an Enhance control panel under the sandbox's /enhance prefix: a panel's URL in the app is
// http://<sandbox>/enhance and the module calls http://<sandbox>/enhance/api/…, as it would https://cp.example.com/api/….
// Only sandbox tokens (sandbox-enhance-<name>) are accepted, each getting its own realm; any other token is
// refused (401 {code, message}, as Enhance answers a bad session). Each realm's master organisation is ENHANCE_SIM_ORG_ID.

const PREFIX = '/enhance';
const API = `${PREFIX}/api`;

export interface EnhanceSimulator {
  handle: SandboxHandler;
  state: EnhanceSimState;
  faults: Faults;
  reset: () => void;
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const token = match?.[1];
  return isSandboxCredential(SANDBOX_CREDENTIAL_PREFIX.enhance, token) ? token : null;
}

function statePage(state: EnhanceSimState): string {
  const realms = [...state.realms.values()].map(realmSnapshot);
  const sections = realms.length
    ? realms
        .map((r) => {
          const subs = r.subscriptions
            .map((s) => {
              const sites = r.websites.filter((w) => w.subscriptionId === s.id).map((w) => w.domain).join(', ');
              return `<tr data-subscription="${escapeHtml(s.id)}"><td>${escapeHtml(s.id)}</td><td>${escapeHtml(s.customer)}</td><td>${escapeHtml(s.planName ?? s.planId)}</td><td><code>${escapeHtml(s.friendlyName)}</code></td><td>${escapeHtml(sites || '—')}</td><td class="status">${escapeHtml(s.status)}</td></tr>`;
            })
            .join('');
          const customers = r.customers
            .map((c) => `<tr><td>${escapeHtml(c.name)}</td><td><code>${escapeHtml(c.id)}</code></td><td>${escapeHtml(c.ownerEmail ?? '— (no owner yet)')}</td></tr>`)
            .join('');
          return `<div class="card"><h2>Token ${escapeHtml(r.token)}</h2>
<h3>Subscriptions</h3><table><tr><th>Id</th><th>Customer</th><th>Plan</th><th>Friendly name (our service id)</th><th>Websites</th><th>Status</th></tr>${subs || '<tr><td colspan="6" class="muted">none</td></tr>'}</table>
<h3>Customers</h3><table><tr><th>Name</th><th>Org id</th><th>Owner login</th></tr>${customers || '<tr><td colspan="3" class="muted">none</td></tr>'}</table></div>`;
        })
        .join('')
    : '<p class="muted">No API calls yet.</p>';
  const plans = SIM_PLANS.map((p) => `<li>plan ${p.id}: ${escapeHtml(p.name)}</li>`).join('');
  return page(
    'Enhance',
    `<p>Web hosting control panel stand-in. Panel URL: <code>http://&lt;sandbox&gt;${PREFIX}</code>, API token:
<code>sandbox-enhance-&lt;name&gt;</code> (one realm per token; any other token is refused with 401), organizationId:
<code>${ENHANCE_SIM_ORG_ID}</code>.</p><ul>${plans}</ul>
<p class="muted">Faults: POST ${PREFIX}/_control/faults · state as JSON: GET ${PREFIX}/_control/state · reset: POST ${PREFIX}/_control/reset</p>${sections}`,
  );
}

export function createEnhanceSimulator(): EnhanceSimulator {
  const state = new EnhanceSimState();
  const faults = createFaults((status) => ({ code: 'injected_fault', message: `Injected fault (${status})` }));

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === `${PREFIX}/_control/state` && req.method === 'GET') {
      return sendJson(res, 200, { faults: faults.state(), realms: [...state.realms.values()].map(realmSnapshot) });
    }
    if (url.pathname === `${PREFIX}/_control/reset` && req.method === 'POST') {
      state.reset();
      faults.set({ clear: true });
      return sendJson(res, 200, { ok: true });
    }
    if (url.pathname === `${PREFIX}/_control/faults` && req.method === 'POST') {
      let json: unknown;
      try {
        json = JSON.parse((await readBody(req, 10_000)) || '{}') as unknown;
      } catch {
        return sendJson(res, 400, { error: 'invalid JSON' });
      }
      const parsed = faultsSchema.safeParse(json);
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      faults.set(parsed.data);
      return sendJson(res, 200, faults.state());
    }
    return notFound(res);
  }

  function otpLogin(res: ServerResponse, url: URL): void {
    const otp = state.otps.get(url.searchParams.get('otp') ?? '');
    if (otp) state.otps.delete(url.searchParams.get('otp') ?? '');
    if (!otp || otp.expiresAt < Date.now()) return sendHtml(res, 401, page('Enhance sign-in', '<p>This one-time link is invalid or has expired.</p>'));
    const realm = state.realms.get(otp.token);
    const member = realm?.members.get(otp.memberId);
    const login = member ? realm?.logins.get(member.loginId) : undefined;
    const org = member ? realm?.orgs.get(member.orgId) : undefined;
    sendHtml(res, 200, page('Enhance control panel', `<p>Signed in as <strong>${escapeHtml(login?.email ?? 'unknown')}</strong> to <strong>${escapeHtml(org?.name ?? 'unknown')}</strong> with a one-time link.</p>`));
  }

  const handle: SandboxHandler = async (req, res, url) => {
    if (url.pathname === PREFIX || url.pathname === `${PREFIX}/`) {
      if (req.method !== 'GET') return sendJson(res, 405, { error: 'method_not_allowed' });
      return sendHtml(res, 200, statePage(state));
    }
    if (url.pathname.startsWith(`${PREFIX}/_control/`)) return control(req, res, url);
    if (url.pathname === `${PREFIX}/login`) return sendHtml(res, 200, page('Enhance sign-in', '<p>The control panel login page (simulated).</p>'));
    if (!url.pathname.startsWith(`${API}/`)) return notFound(res);
    if (await faults.apply(res)) return;
    const path = url.pathname.slice(API.length);
    if (path === '/version' && req.method === 'GET') return sendJson(res, 200, '12.0.0-sandbox');
    if (path === '/login/sessions/sso' && req.method === 'GET') return otpLogin(res, url);
    const token = bearer(req);
    if (!token) return sendJson(res, 401, { code: 'invalid_session', message: 'Invalid session' });
    return handleEnhanceApi(state, state.realm(token), req, res, path, url);
  };

  return {
    handle,
    state,
    faults,
    reset: () => {
      state.reset();
      faults.set({ clear: true });
    },
  };
}
