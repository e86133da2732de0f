import { z } from 'zod';
import { ProvisioningError, type ModuleContext, type ProvisioningModule, type ServiceStatus } from '../module';
import { domainSchema } from '../order-fields';
import {
  EnhanceApi,
  enhanceCredentialsSchema,
  enhanceOptionsSchema,
  formatPanelRef,
  generatePassword,
  parsePanelRef,
  type EnhanceOrg,
  type EnhanceSubscription,
} from '@/lib/integrations/enhance/client';

// Enhance (web hosting). A customer of ours is a customer organisation under the configured reseller/master org,
// owned by a login with the customer's email; a service is a subscription of that customer to an Enhance plan,
// plus one website for the ordered domain. Enhance has no external-id field on organisations or subscriptions, so:
// - the customer org's name ends in "[<customer public id>]" and is found again by that suffix;
// - the subscription's friendlyName is our service public id and is found again through the customer's
//   subscriptions. panelRef = "<customer org id>:<subscription id>".
// Every step looks before it creates, so a retry after a crash anywhere adopts what the last attempt left.

const planSettingsSchema = z.object({ planId: z.coerce.number().int().positive() });
const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function planId(settings: Record<string, unknown>): number {
  const parsed = planSettingsSchema.safeParse(settings);
  if (!parsed.success) throw new ProvisioningError('Enhance plan settings need a numeric planId', false);
  return parsed.data.planId;
}

function orderedDomain(ctx: ModuleContext): string {
  const domain = (ctx.service.orderFields.domain ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN_RE.test(domain)) throw new ProvisioningError(`"${ctx.service.orderFields.domain ?? ''}" is not a valid domain for an Enhance website`, false);
  return domain;
}

const customerTag = (externalId: string) => `[${externalId}]`;

async function findCustomer(api: EnhanceApi, externalId: string): Promise<EnhanceOrg | undefined> {
  const tag = customerTag(externalId);
  return (await api.customers()).find((c) => c.name.endsWith(tag));
}

async function findSubscription(api: EnhanceApi, customerOrgId: string, externalId: string): Promise<EnhanceSubscription | undefined> {
  return (await api.customerSubscriptions(customerOrgId)).find((s) => s.friendlyName === externalId && s.status !== 'deleted');
}

/**
 * What this service already has on Enhance: the subscription by panelRef first, else the customer org by our
 * customer id and the subscription by our service id.
 */
async function lookUp(api: EnhanceApi, ctx: ModuleContext): Promise<{ customerOrgId?: string; subscription?: EnhanceSubscription }> {
  if (ctx.service.panelRef) {
    const ref = parsePanelRef(ctx.service.panelRef);
    const { status, body } = await api.getSubscription(ref.customerOrgId, ref.subscriptionId);
    if (status === 200 && body.status !== 'deleted') return { customerOrgId: ref.customerOrgId, subscription: body };
  }
  const customer = await findCustomer(api, ctx.service.customer.externalId);
  if (!customer) return {};
  return { customerOrgId: customer.id, subscription: await findSubscription(api, customer.id, ctx.service.externalId) };
}

async function locate(api: EnhanceApi, ctx: ModuleContext): Promise<{ customerOrgId: string; subscription: EnhanceSubscription } | null> {
  const { customerOrgId, subscription } = await lookUp(api, ctx);
  return customerOrgId && subscription ? { customerOrgId, subscription } : null;
}

/**
 * Makes sure the customer org has an owner login with the customer's email. A login this call creates is remembered
 * before Enhance sees its password; an adopted login keeps the password the customer already has.
 */
async function ensureOwner(api: EnhanceApi, ctx: ModuleContext, customerOrgId: string): Promise<{ email: string }> {
  const { customer } = ctx.service;
  const org = await api.getOrg(customerOrgId);
  if (org.status === 200 && org.body.ownerId) return { email: org.body.ownerEmail ?? customer.email };

  const email = customer.email.toLowerCase();
  let member = (await api.members(customerOrgId)).find((m) => m.email.toLowerCase() === email);
  if (!member) {
    let loginId = (await api.orgLogins(customerOrgId)).find((l) => l.email.toLowerCase() === email)?.id;
    if (!loginId) {
      const password = generatePassword();
      await ctx.rememberCredentials({ username: customer.email, password });
      loginId = (await api.createLogin(customerOrgId, { email: customer.email, password, name: customer.name })) ?? undefined;
      if (!loginId) {
        // Enhance refused our password (the email has a login elsewhere): the one staff link keeps its own.
        await ctx.rememberCredentials(null);
        throw new ProvisioningError(`Enhance already has a login for ${customer.email} outside this customer's organisation; link it to the organisation by hand, then retry`, false, 409);
      }
    }
    const memberId = await api.addMember(customerOrgId, loginId, ['Owner']);
    member = { id: memberId, loginId, email: customer.email, roles: ['Owner'] };
  }
  await api.setOwner(customerOrgId, member.id);
  return { email: member.email || customer.email };
}

export const enhanceModule: ProvisioningModule = {
  key: 'enhance',
  label: 'Enhance',
  serviceTypes: ['web_hosting'],
  planSettingsSchema,
  orderFields: [{ name: 'domain', label: 'Domain', help: 'The main domain of the hosting account', schema: domainSchema }],
  credentialsSchema: enhanceCredentialsSchema,
  optionsSchema: enhanceOptionsSchema,
  powerActions: [],

  async testConnection(panel, log) {
    try {
      const api = new EnhanceApi(panel, log);
      const { status, body } = await api.getOrg(api.orgId);
      if (status === 404) return { ok: false, message: `Enhance has no organisation ${api.orgId} visible to this token` };
      return { ok: true, message: `Connected to Enhance organisation "${body.name}"` };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  },

  async create(ctx) {
    const api = new EnhanceApi(ctx.panel, ctx.log);
    const plan = planId(ctx.service.planSettings);
    const domain = orderedDomain(ctx);

    const found = await lookUp(api, ctx);
    const { customer } = ctx.service;
    const customerOrgId = found.customerOrgId ?? (await api.createCustomer(`${customer.name} ${customerTag(customer.externalId)}`));
    const owner = await ensureOwner(api, ctx, customerOrgId);
    const subscriptionId = found.subscription?.id ?? (await api.createSubscription(customerOrgId, plan, ctx.service.externalId));
    const panelRef = formatPanelRef(customerOrgId, subscriptionId);
    if (ctx.service.panelRef !== panelRef) await ctx.rememberPanelRef(panelRef);

    const sites = await api.websites(customerOrgId);
    const site = sites.find((w) => w.subscriptionId === subscriptionId && w.domain.domain === domain);
    if (!site) {
      const taken = sites.find((w) => w.domain.domain === domain);
      if (taken) throw new ProvisioningError(`${domain} already belongs to another subscription of this customer on Enhance`, false, 409);
      await api.createWebsite(customerOrgId, domain, subscriptionId);
    }

    return { status: 'active', panelRef, details: { domain, panelUrl: api.loginUrl, username: owner.email } };
  },

  async suspend(ctx) {
    const api = new EnhanceApi(ctx.panel, ctx.log);
    const { customerOrgId, subscriptionId } = await requireRef(api, ctx);
    await api.updateSubscription(customerOrgId, subscriptionId, { isSuspended: true });
  },

  async unsuspend(ctx) {
    const api = new EnhanceApi(ctx.panel, ctx.log);
    const { customerOrgId, subscriptionId } = await requireRef(api, ctx);
    await api.updateSubscription(customerOrgId, subscriptionId, { isSuspended: false });
  },

  async terminate(ctx) {
    const api = new EnhanceApi(ctx.panel, ctx.log);
    const found = await locate(api, ctx);
    if (!found) return;
    await api.deleteSubscription(found.customerOrgId, found.subscription.id);
  },

  async changePackage(ctx, newPlanSettings) {
    const api = new EnhanceApi(ctx.panel, ctx.log);
    const plan = planId(newPlanSettings);
    const { customerOrgId, subscriptionId } = await requireRef(api, ctx);
    await api.updateSubscription(customerOrgId, subscriptionId, { planId: plan });
  },

  async status(ctx): Promise<ServiceStatus> {
    const api = new EnhanceApi(ctx.panel, ctx.log);
    const found = await locate(api, ctx);
    if (!found) return { state: 'missing' };
    const { customerOrgId, subscription } = found;
    const suspended = Boolean(subscription.suspendedBy) || subscription.status !== 'active';
    const disk = subscription.resources?.find((r) => r.name === 'diskspace');
    const transfer = subscription.resources?.find((r) => r.name === 'transfer');
    const bandwidthBytes = await api.bandwidthBytes(customerOrgId, subscription.id);
    const site = (await api.websites(customerOrgId)).find((w) => w.subscriptionId === subscription.id);
    return {
      state: suspended ? 'suspended' : 'running',
      details: { ...ctx.service.details, ...(site ? { domain: site.domain.domain } : {}), panelUrl: api.loginUrl, plan: subscription.planName },
      usage: { diskBytes: disk?.usage, diskLimitBytes: disk?.total, bandwidthBytes, bandwidthLimitBytes: transfer?.total },
    };
  },

  async ssoLink(ctx) {
    const api = new EnhanceApi(ctx.panel, ctx.log);
    const { customerOrgId } = await requireRef(api, ctx);
    const org = await api.getOrg(customerOrgId);
    if (org.status === 404 || !org.body.ownerId) throw new ProvisioningError('The customer organisation on Enhance has no owner to sign in as', false, org.status);
    return api.memberSsoLink(customerOrgId, org.body.ownerId);
  },
};

async function requireRef(api: EnhanceApi, ctx: ModuleContext): Promise<{ customerOrgId: string; subscriptionId: number }> {
  const found = await locate(api, ctx);
  if (!found) throw new ProvisioningError(`Enhance has no subscription for service ${ctx.service.externalId}`, false, 404);
  return { customerOrgId: found.customerOrgId, subscriptionId: found.subscription.id };
}
