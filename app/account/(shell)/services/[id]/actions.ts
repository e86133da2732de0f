'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess } from '@/lib/auth/customer-actor';
import { failed } from '@/lib/forms/action-result';
import { panelSsoLink } from '@/lib/provisioning/panel-sso-link';
import { powerService } from '@/lib/provisioning/power-service';
import { revealServiceCredentials } from '@/lib/provisioning/reveal-service-credentials';
import { powerLabel, setupPhase } from './service-display';
import { getCustomerServicePage } from '@/lib/provisioning/get-customer-service-page';

const servicePublicId = z.string().regex(/^svc_[a-z0-9]{1,40}$/);

const powerSchema = z.object({
  serviceId: servicePublicId,
  action: z.enum(['boot', 'shutdown', 'restart', 'poweroff']),
});

/** A power button. The box ticked on the form is what stops a stray click from switching a server off. */
export async function powerServiceAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const input = powerSchema.safeParse({ serviceId: data.get('serviceId'), action: data.get('action') });
  if (!input.success) return { ok: false, message: 'No such service or power control.' };
  if (data.get('confirm') !== 'on') return { ok: false, message: 'Tick the box to confirm first.', fieldErrors: { confirm: ['must be ticked to confirm.'] } };
  try {
    const db = access.ctx.db;
    const svc = await getCustomerServicePage(db, { publicId: input.data.serviceId, customerId: access.account.id });
    if (!svc) return { ok: false, message: 'No such service.' };
    const label = powerLabel(svc.serviceType, input.data.action);
    if (!label || !svc.powerActions.includes(input.data.action)) return { ok: false, message: 'This service has no such power control.' };
    await powerService(db, { storefrontId: access.ctx.storefront.id, serviceId: svc.id, action: input.data.action, actor: access.actor });
    revalidatePath(`/services/${svc.publicId}`);
    return { ok: true, message: `${label} sent to ${svc.label}. The state below may take a moment to change.` };
  } catch (err) {
    return failed(err, {});
  }
}

/** Opens the service's control panel (signed in where the module has SSO): the link is made per click and opened at once. */
export async function panelSsoAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = servicePublicId.safeParse(data.get('serviceId'));
  if (!id.success) return { ok: false, message: 'No such service.' };
  try {
    const db = access.ctx.db;
    const svc = await getCustomerServicePage(db, { publicId: id.data, customerId: access.account.id });
    if (!svc) return { ok: false, message: 'No such service.' };
    if (!svc.panelAccess || svc.status !== 'active' || setupPhase(svc.provisioningStatus) !== 'ready') return { ok: false, message: 'This service has no panel link right now.' };
    const url = await panelSsoLink(db, svc.id, access.actor);
    return { ok: true, message: svc.panelAccess === 'sso' ? 'Signing you in to the control panel…' : 'Opening the control panel…', redirectTo: url };
  } catch (err) {
    return failed(err, {});
  }
}

const revealSchema = z.object({
  serviceId: servicePublicId,
  password: z.string().min(1, 'is required.').max(200),
});

/**
 * Shows the service's stored login once the person signed in (not the account they work on) confirms their own
 * password or authenticator code. The login travels only in this result, which the page renders and forgets; never a URL or cookie.
 */
export async function revealCredentialsAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const input = revealSchema.safeParse({ serviceId: data.get('serviceId'), password: data.get('password') ?? '' });
  if (!input.success) return { ok: false, message: 'Enter your password or an authenticator code to show the login.', fieldErrors: { password: ['is required.'] } };
  try {
    const db = access.ctx.db;
    const svc = await getCustomerServicePage(db, { publicId: input.data.serviceId, customerId: access.account.id });
    if (!svc) return { ok: false, message: 'No such service.' };
    if (!svc.hasCredentials) return { ok: false, message: 'This service has no stored login.' };
    const login = await revealServiceCredentials(db, { storefrontId: access.ctx.storefront.id, serviceId: svc.id, personId: access.customer.id, password: input.data.password, actor: access.actor });
    return { ok: true, message: 'Here is the login. It is hidden again when you leave this page.', values: { loginUsername: login.username, loginPassword: login.password } };
  } catch (err) {
    return failed(err, {});
  }
}
