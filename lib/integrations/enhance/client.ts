import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ProvisioningError, type PanelConnection } from '@/lib/provisioning/module';
import { panelHttp, type PanelHttpLog, type PanelRequest } from '@/lib/provisioning/panel-http';

// The calls the Enhance module makes against orchd (Enhance's API, served under <panel>/api), per Enhance's
// published OpenAPI spec. Kept apart from the module so the module reads as the provisioning steps.

export const enhanceCredentialsSchema = z.object({ apiToken: z.string().trim().min(8, 'Enter the Enhance API access token') });
export const enhanceOptionsSchema = z.object({
  organizationId: z.string().trim().min(1, 'Enter the id of the organisation customers are created under (the master or reseller org)'),
});

export interface EnhanceOrg {
  id: string;
  parentId?: string;
  name: string;
  status?: string;
  ownerId?: string;
  ownerEmail?: string;
}
export interface EnhanceSubscription {
  id: number;
  planId: number;
  planName?: string;
  subscriberId: string;
  status: string;
  suspendedBy?: string;
  friendlyName?: string;
  resources?: { name: string; total?: number; usage: number }[];
}
export interface EnhanceWebsite {
  id: string;
  domain: { domain: string };
  subscriptionId?: number;
  status?: string;
}
export interface EnhanceMember {
  id: string;
  loginId: string;
  email: string;
  roles: string[];
}
export interface EnhanceLogin {
  id: string;
  email: string;
}
interface Listing<T> {
  items: T[];
  total: number;
}

export class EnhanceApi {
  readonly base: string;
  readonly orgId: string;
  private readonly token: string;

  constructor(
    panel: PanelConnection,
    private readonly log: PanelHttpLog,
  ) {
    const creds = enhanceCredentialsSchema.safeParse(panel.credentials);
    if (!creds.success) throw new ProvisioningError('Enhance panel has no API token configured', false);
    const opts = enhanceOptionsSchema.safeParse(panel.options);
    if (!opts.success) throw new ProvisioningError('Enhance panel has no organizationId option configured', false);
    this.base = panel.url.replace(/\/+$/, '');
    this.orgId = opts.data.organizationId;
    this.token = creds.data.apiToken;
  }

  /** The page customers sign in on. */
  get loginUrl(): string {
    return `${this.base}/login`;
  }

  async call<T>(method: PanelRequest['method'], path: string, json?: unknown, expect?: number[]): Promise<{ status: number; body: T }> {
    try {
      const res = await panelHttp<T>(this.log, { method, url: `${this.base}/api${path}`, headers: { authorization: `Bearer ${this.token}` }, json }, expect);
      return { status: res.status, body: res.body };
    } catch (err) {
      if (err instanceof ProvisioningError && (err.status === 401 || err.status === 403)) {
        throw new ProvisioningError(`Enhance refused the API token (${err.status}); check the panel's credentials and that the token belongs to the organisation`, false, err.status);
      }
      if (err instanceof ProvisioningError) throw new ProvisioningError(`Enhance: ${err.message}`, err.retryable, err.status);
      throw err;
    }
  }

  /** Every item of a paginated {items,total} listing (bounded, so a broken panel cannot loop us forever). */
  async listAll<T>(path: string): Promise<T[]> {
    const limit = 100;
    const out: T[] = [];
    for (let offset = 0; offset < 100 * limit; offset += limit) {
      const sep = path.includes('?') ? '&' : '?';
      const { body } = await this.call<Listing<T>>('GET', `${path}${sep}offset=${offset}&limit=${limit}`);
      const items = Array.isArray(body?.items) ? body.items : [];
      out.push(...items);
      if (items.length < limit || out.length >= (body.total ?? 0)) break;
    }
    return out;
  }

  getOrg(orgId: string) {
    return this.call<EnhanceOrg>('GET', `/orgs/${enc(orgId)}`, undefined, [200, 404]);
  }

  customers() {
    return this.listAll<EnhanceOrg>(`/orgs/${enc(this.orgId)}/customers`);
  }

  async createCustomer(name: string): Promise<string> {
    const { body } = await this.call<{ id: string }>('POST', `/orgs/${enc(this.orgId)}/customers`, { name });
    return body.id;
  }

  customerSubscriptions(customerOrgId: string) {
    return this.listAll<EnhanceSubscription>(`/orgs/${enc(this.orgId)}/customers/${enc(customerOrgId)}/subscriptions`);
  }

  async createSubscription(customerOrgId: string, planId: number, friendlyName: string): Promise<number> {
    const { body } = await this.call<{ id: number }>('POST', `/orgs/${enc(this.orgId)}/customers/${enc(customerOrgId)}/subscriptions`, { planId, friendlyName });
    return body.id;
  }

  /** Subscription routes are addressed through the subscriber (customer) organisation. */
  getSubscription(customerOrgId: string, subscriptionId: number) {
    return this.call<EnhanceSubscription>('GET', `/orgs/${enc(customerOrgId)}/subscriptions/${subscriptionId}`, undefined, [200, 404]);
  }

  async updateSubscription(customerOrgId: string, subscriptionId: number, patch: { isSuspended?: boolean; planId?: number }): Promise<void> {
    await this.call('PATCH', `/orgs/${enc(customerOrgId)}/subscriptions/${subscriptionId}`, patch, [200, 204]);
  }

  /** true when deleted, false when it was already gone. */
  async deleteSubscription(customerOrgId: string, subscriptionId: number): Promise<boolean> {
    const { status } = await this.call('DELETE', `/orgs/${enc(customerOrgId)}/subscriptions/${subscriptionId}?force=true`, undefined, [200, 204, 404]);
    return status !== 404;
  }

  async bandwidthBytes(customerOrgId: string, subscriptionId: number): Promise<number | undefined> {
    const { body } = await this.call<unknown>('GET', `/orgs/${enc(customerOrgId)}/subscriptions/${subscriptionId}/bandwidth`);
    return typeof body === 'number' ? body : undefined;
  }

  websites(customerOrgId: string) {
    return this.listAll<EnhanceWebsite>(`/orgs/${enc(customerOrgId)}/websites`);
  }

  async createWebsite(customerOrgId: string, domain: string, subscriptionId: number): Promise<string> {
    const { body } = await this.call<{ id: string }>('POST', `/orgs/${enc(customerOrgId)}/websites`, { domain, subscriptionId });
    return body.id;
  }

  members(orgId: string) {
    return this.listAll<EnhanceMember>(`/orgs/${enc(orgId)}/members`);
  }

  orgLogins(orgId: string) {
    return this.listAll<EnhanceLogin>(`/orgs/${enc(orgId)}/logins`);
  }

  /** Creates a login in the organisation's realm; null when the email is already taken (409). */
  async createLogin(orgId: string, login: { email: string; password: string; name: string }): Promise<string | null> {
    const res = await this.call<{ id: string }>('POST', `/logins?orgId=${enc(orgId)}`, login, [201, 409]);
    return res.status === 409 ? null : res.body.id;
  }

  async addMember(orgId: string, loginId: string, roles: string[]): Promise<string> {
    const { body } = await this.call<{ id: string }>('POST', `/orgs/${enc(orgId)}/members`, { loginId, roles });
    return body.id;
  }

  async setOwner(orgId: string, memberId: string): Promise<void> {
    await this.call('PUT', `/orgs/${enc(orgId)}/owner`, { memberId }, [200, 204]);
  }

  async memberSsoLink(orgId: string, memberId: string): Promise<string> {
    const { body } = await this.call<unknown>('GET', `/orgs/${enc(orgId)}/members/${enc(memberId)}/sso`);
    if (typeof body !== 'string' || !/^https?:\/\//.test(body)) throw new ProvisioningError('Enhance answered the SSO request without a link', true);
    return body;
  }
}

function enc(value: string): string {
  return encodeURIComponent(value);
}

/** A panel login password: 24 random base64url characters plus one of each class Enhance's policy may ask for. */
export function generatePassword(): string {
  return `${randomBytes(18).toString('base64url')}Aa7!`;
}

/** panelRef is "<customer org id>:<subscription id>": subscription routes need both. */
export function formatPanelRef(customerOrgId: string, subscriptionId: number): string {
  return `${customerOrgId}:${subscriptionId}`;
}

export function parsePanelRef(ref: string): { customerOrgId: string; subscriptionId: number } {
  const idx = ref.lastIndexOf(':');
  const subscriptionId = Number(ref.slice(idx + 1));
  if (idx <= 0 || !Number.isInteger(subscriptionId) || subscriptionId <= 0) throw new ProvisioningError(`Malformed Enhance panel reference "${ref}"`, false);
  return { customerOrgId: ref.slice(0, idx), subscriptionId };
}
