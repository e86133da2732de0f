import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readBody, sendEmpty, sendJson } from '@/sandbox/shared/http';
import { SIM_PLANS, type EnhanceSimState, type SimOrg, type SimRealm, type SimSubscription, type SimWebsite, isSuspended, simUsage } from './simulator-state';

// The part of Enhance's orchd API (served under <panel>/api) that the provisioning module uses, with the same
// paths, methods, camelCase JSON and status codes as the published OpenAPI spec: 201 {id} on creation, 204 on
// PATCH/PUT/DELETE, listings as {items,total}, the bandwidth endpoint answering a bare number of bytes and the
// member SSO endpoint a bare JSON string (the one-time login link).

export const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const newCustomerSchema = z.object({ name: z.string().trim().min(1).max(200) });
const loginInfoSchema = z.object({ email: z.email(), password: z.string().min(8).max(200), name: z.string().min(1).max(200) });
const newMemberSchema = z.object({ loginId: z.string().min(1), roles: z.array(z.enum(['Owner', 'SuperAdmin', 'Business', 'SiteAccess', 'Support', 'Sysadmin'])).min(1) });
const ownerSchema = z.object({ memberId: z.string().min(1) });
const newSubscriptionSchema = z.object({ planId: z.number().int().positive(), friendlyName: z.string().max(200).optional() });
const updateSubscriptionSchema = z.object({ isSuspended: z.boolean().optional(), planId: z.number().int().positive().optional(), friendlyName: z.string().max(200).optional() });
const newWebsiteSchema = z.object({ domain: z.string(), subscriptionId: z.number().int().positive().optional() });

const fail = (res: ServerResponse, status: number, code: string, message: string) => sendJson(res, status, { code, message });

function page<T>(items: T[], url: URL): { items: T[]; total: number } {
  const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0);
  const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
  return { items: items.slice(offset, offset + limit), total: items.length };
}

async function body<T>(req: IncomingMessage, res: ServerResponse, schema: z.ZodType<T>): Promise<T | null> {
  let json: unknown;
  try {
    json = JSON.parse(await readBody(req, 100_000)) as unknown;
  } catch {
    fail(res, 400, 'invalid_input', 'Body is not JSON');
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    fail(res, 400, 'invalid_input', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return null;
  }
  return parsed.data;
}

function orgJson(realm: SimRealm, org: SimOrg) {
  const owner = org.ownerMemberId ? realm.members.get(org.ownerMemberId) : undefined;
  const ownerLogin = owner ? realm.logins.get(owner.loginId) : undefined;
  const subs = [...realm.subscriptions.values()].filter((s) => s.subscriberId === org.id && s.status !== 'deleted');
  return {
    id: org.id,
    ...(org.parentId ? { parentId: org.parentId } : {}),
    name: org.name,
    status: 'active',
    ...(owner && ownerLogin ? { ownerId: owner.id, ownerLoginId: ownerLogin.id, owner: ownerLogin.name, ownerEmail: ownerLogin.email } : {}),
    subscriptionsCount: subs.length,
    websitesCount: [...realm.websites.values()].filter((w) => w.orgId === org.id).length,
    createdAt: org.createdAt,
    locale: 'en',
  };
}

function subscriptionJson(realm: SimRealm, sub: SimSubscription) {
  const plan = SIM_PLANS.find((p) => p.id === sub.planId);
  const usage = simUsage(realm, sub);
  return {
    id: sub.id,
    planId: sub.planId,
    planName: plan?.name ?? 'Unknown',
    subscriberId: sub.subscriberId,
    vendorId: sub.vendorId,
    status: sub.status,
    ...(sub.suspendedBy ? { suspendedBy: sub.suspendedBy } : {}),
    resources: [
      { name: 'diskspace', total: plan?.diskBytes, usage: usage.diskBytes },
      { name: 'transfer', total: plan?.transferBytes, usage: usage.bandwidthBytes },
      { name: 'websites', total: 1, usage: [...realm.websites.values()].filter((w) => w.subscriptionId === sub.id).length },
    ],
    allowances: [],
    selections: [],
    planType: 'hosting',
    allowedPhpVersions: ['php82', 'php83'],
    defaultPhpVersion: 'php83',
    redisAllowed: false,
    friendlyName: sub.friendlyName,
  };
}

function websiteJson(realm: SimRealm, site: SimWebsite) {
  const sub = realm.subscriptions.get(site.subscriptionId);
  return {
    id: site.id,
    domain: { id: `${site.id}-d`, domain: site.domain, documentRoot: 'public_html', kind: 'primary', cloudflareStatus: 'notConfigured' },
    aliases: [],
    subdomains: [],
    subscriptionId: site.subscriptionId,
    planId: sub?.planId,
    plan: SIM_PLANS.find((p) => p.id === sub?.planId)?.name,
    status: sub && isSuspended(sub) ? 'disabled' : 'active',
    ...(sub?.suspendedBy ? { suspendedBy: sub.suspendedBy } : {}),
    colorCode: '#2563eb',
    size: 0,
    orgId: site.orgId,
    org: realm.orgs.get(site.orgId)?.name,
    kind: 'normal',
    createdAt: site.createdAt,
    serverIps: [{ ip: '203.0.113.10' }],
  };
}

/** Handles one authenticated call under /enhance/api; `path` is the part after /api. */
export async function handleEnhanceApi(state: EnhanceSimState, realm: SimRealm, req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  const org = seg[0] === 'orgs' && seg[1] ? realm.orgs.get(seg[1]) : undefined;

  if (method === 'POST' && seg.length === 1 && seg[0] === 'logins') {
    const target = realm.orgs.get(url.searchParams.get('orgId') ?? '');
    if (!target) return fail(res, 404, 'not_found', 'orgId names no organisation');
    const input = await body(req, res, loginInfoSchema);
    if (!input) return;
    if ([...realm.logins.values()].some((l) => l.email.toLowerCase() === input.email.toLowerCase())) return fail(res, 409, 'already_exists', 'A login with this email already exists in the realm');
    const id = randomUUID();
    realm.logins.set(id, { id, orgId: target.id, email: input.email, name: input.name, registeredAt: new Date().toISOString() });
    return sendJson(res, 201, { id });
  }

  if (seg[0] !== 'orgs' || !seg[1]) return fail(res, 404, 'not_found', 'No such endpoint');
  if (!org) return fail(res, 404, 'not_found', 'Organisation not found');
  const rest = seg.slice(2);

  if (rest.length === 0 && method === 'GET') return sendJson(res, 200, orgJson(realm, org));

  if (rest[0] === 'customers') {
    const customers = [...realm.orgs.values()].filter((o) => o.parentId === org.id);
    if (rest.length === 1 && method === 'GET') return sendJson(res, 200, page(customers.map((c) => orgJson(realm, c)), url));
    if (rest.length === 1 && method === 'POST') {
      const input = await body(req, res, newCustomerSchema);
      if (!input) return;
      const id = randomUUID();
      realm.orgs.set(id, { id, parentId: org.id, name: input.name, ownerMemberId: null, createdAt: new Date().toISOString() });
      return sendJson(res, 201, { id });
    }
    const customer = customers.find((c) => c.id === rest[1]);
    if (rest.length === 3 && rest[2] === 'subscriptions') {
      if (!customer) return fail(res, 404, 'not_found', 'Customer not found');
      if (method === 'GET') {
        const subs = [...realm.subscriptions.values()].filter((s) => s.subscriberId === customer.id && s.vendorId === org.id);
        return sendJson(res, 200, page(subs.map((s) => subscriptionJson(realm, s)), url));
      }
      if (method === 'POST') {
        const input = await body(req, res, newSubscriptionSchema);
        if (!input) return;
        if (!SIM_PLANS.some((p) => p.id === input.planId)) return fail(res, 404, 'not_found', `Plan ${input.planId} not found`);
        const id = realm.nextSubscriptionId++;
        realm.subscriptions.set(id, { id, planId: input.planId, subscriberId: customer.id, vendorId: org.id, friendlyName: input.friendlyName ?? '', status: 'active', suspendedBy: null, createdAt: new Date().toISOString() });
        return sendJson(res, 201, { id });
      }
    }
    return fail(res, 404, 'not_found', 'No such endpoint');
  }

  if (rest[0] === 'subscriptions' && rest[1]) {
    const sub = realm.subscriptions.get(Number(rest[1]));
    // Either the subscriber or the vendor (the parent organisation) may address a subscription.
    if (!sub || (sub.subscriberId !== org.id && sub.vendorId !== org.id)) return fail(res, 404, 'not_found', 'Subscription not found');
    if (rest.length === 2 && method === 'GET') return sendJson(res, 200, subscriptionJson(realm, sub));
    if (rest.length === 3 && rest[2] === 'bandwidth' && method === 'GET') return sendJson(res, 200, simUsage(realm, sub).bandwidthBytes);
    if (rest.length === 2 && method === 'PATCH') {
      const input = await body(req, res, updateSubscriptionSchema);
      if (!input) return;
      if (input.planId !== undefined && !SIM_PLANS.some((p) => p.id === input.planId)) return fail(res, 404, 'not_found', `Plan ${input.planId} not found`);
      if (input.isSuspended !== undefined) sub.suspendedBy = input.isSuspended ? sub.vendorId : null;
      if (input.planId !== undefined) sub.planId = input.planId;
      if (input.friendlyName !== undefined) sub.friendlyName = input.friendlyName;
      return sendEmpty(res, 204);
    }
    if (rest.length === 2 && method === 'DELETE') {
      if (url.searchParams.get('force') === 'true') {
        realm.subscriptions.delete(sub.id);
        for (const site of [...realm.websites.values()]) if (site.subscriptionId === sub.id) realm.websites.delete(site.id);
      } else {
        sub.status = 'deleted';
      }
      return sendEmpty(res, 204);
    }
    return fail(res, 404, 'not_found', 'No such endpoint');
  }

  if (rest[0] === 'logins' && rest.length === 1 && method === 'GET') {
    const logins = [...realm.logins.values()].filter((l) => l.orgId === org.id);
    return sendJson(res, 200, page(logins.map((l) => ({ id: l.id, email: l.email, name: l.name, colorCode: '#16a34a', registeredAt: l.registeredAt, authMethod: 'password', locale: 'en' })), url));
  }

  if (rest[0] === 'members') {
    const members = [...realm.members.values()].filter((m) => m.orgId === org.id);
    if (rest.length === 1 && method === 'GET') {
      const items = members.map((m) => {
        const login = realm.logins.get(m.loginId);
        return { id: m.id, loginId: m.loginId, isActive: true, email: login?.email ?? '', name: login?.name ?? '', roles: m.roles, siteAccesses: [], notifications: [], joinedAt: m.joinedAt.slice(0, 10), colorCode: '#16a34a' };
      });
      return sendJson(res, 200, page(items, url));
    }
    if (rest.length === 1 && method === 'POST') {
      const input = await body(req, res, newMemberSchema);
      if (!input) return;
      if (!realm.logins.has(input.loginId)) return fail(res, 404, 'not_found', 'Login not found');
      if (members.some((m) => m.loginId === input.loginId)) return fail(res, 409, 'already_exists', 'Login is already a member');
      const id = randomUUID();
      realm.members.set(id, { id, orgId: org.id, loginId: input.loginId, roles: input.roles, joinedAt: new Date().toISOString() });
      return sendJson(res, 201, { id });
    }
    const member = members.find((m) => m.id === rest[1]);
    if (rest.length === 3 && rest[2] === 'sso' && method === 'GET') {
      if (!member) return fail(res, 404, 'not_found', 'Member not found');
      const otp = randomUUID();
      state.otps.set(otp, { token: realm.token, memberId: member.id, expiresAt: Date.now() + 120_000 });
      return sendJson(res, 200, `http://${req.headers.host ?? 'localhost'}/enhance/api/login/sessions/sso?otp=${otp}`);
    }
    return fail(res, 404, 'not_found', 'No such endpoint');
  }

  if (rest[0] === 'owner' && rest.length === 1 && method === 'PUT') {
    const input = await body(req, res, ownerSchema);
    if (!input) return;
    const member = realm.members.get(input.memberId);
    if (!member || member.orgId !== org.id) return fail(res, 404, 'not_found', 'Member not found');
    org.ownerMemberId = member.id;
    return sendEmpty(res, 204);
  }

  if (rest[0] === 'websites' && rest.length === 1) {
    if (method === 'GET') {
      const wanted = url.searchParams.get('subscriptionId');
      const sites = [...realm.websites.values()].filter((w) => w.orgId === org.id && (!wanted || String(w.subscriptionId) === wanted));
      return sendJson(res, 200, page(sites.map((w) => websiteJson(realm, w)), url));
    }
    if (method === 'POST') {
      const input = await body(req, res, newWebsiteSchema);
      if (!input) return;
      const domain = input.domain.trim().toLowerCase();
      if (!DOMAIN_RE.test(domain)) return fail(res, 400, 'invalid_input', `"${input.domain}" is not a valid domain`);
      const sub = input.subscriptionId === undefined ? undefined : realm.subscriptions.get(input.subscriptionId);
      if (!sub || sub.subscriberId !== org.id || sub.status === 'deleted') return fail(res, 404, 'not_found', 'Subscription not found');
      if ([...realm.websites.values()].some((w) => w.domain === domain)) return fail(res, 409, 'already_exists', `${domain} is already in use`);
      const id = randomUUID();
      realm.websites.set(id, { id, orgId: org.id, subscriptionId: sub.id, domain, createdAt: new Date().toISOString() });
      return sendJson(res, 201, { id });
    }
  }

  return fail(res, 404, 'not_found', 'No such endpoint');
}
