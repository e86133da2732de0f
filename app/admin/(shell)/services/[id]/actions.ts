'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { staffChangeServicePlan } from '@/lib/billing/staff-change-plan';
import { staffServiceAction } from '@/lib/billing/staff-service-action';
import { failed, formInput, formValues, invalid } from '@/lib/forms/action-result';
import { requestCurrencyBook } from '@/lib/money/request-currency-book';
import { changeDueDate } from '@/lib/provisioning/admin/change-due-date';
import { editPanelRef } from '@/lib/provisioning/admin/edit-panel-ref';
import { findServiceId } from '@/lib/provisioning/admin/find-service-id';
import type { PowerAction } from '@/lib/provisioning/module';
import { assignHardware, hardwareServerIdSchema } from '@/lib/provisioning/assign-hardware';
import { completeByHandSchema, completeProvisioningByHand } from '@/lib/provisioning/complete-provisioning-by-hand';
import { powerService } from '@/lib/provisioning/power-service';
import { retryProvisioning } from '@/lib/provisioning/retry-provisioning';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';
import type { RequestContext } from '@/lib/tenancy/request-context';

const servicePublicId = z.string().regex(/^svc_[a-z0-9]{1,40}$/);

/** The staff member (services.manage) and the service the form names, or the refusal to show. */
async function manageService(data: FormData): Promise<{ ok: false; result: ActionResult } | { ok: true; db: RequestContext['db']; storefrontId: number; serviceId: number; publicId: string; actor: Awaited<ReturnType<typeof staffChangeActor>> }> {
  const access = await requireStaffPermission('services.manage');
  if (!access.allowed) return { ok: false, result: { ok: false, message: access.message } };
  const pid = servicePublicId.safeParse(data.get('service'));
  const serviceId = pid.success ? await findServiceId(access.ctx.db, { publicId: pid.data }) : null;
  if (!pid.success || serviceId === null) return { ok: false, result: { ok: false, message: 'No such service.' } };
  return { ok: true, db: access.ctx.db, storefrontId: access.ctx.storefront.id, serviceId, publicId: pid.data, actor: await staffChangeActor(access.staff) };
}

const done = (publicId: string, message: string): ActionResult => {
  revalidatePath(`/services/${publicId}`);
  return { ok: true, message };
};

export async function retryProvisioningAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await manageService(data);
  if (!s.ok) return s.result;
  try {
    return done(s.publicId, await retryProvisioning(s.db, { serviceId: s.serviceId, actor: s.actor }));
  } catch (err) {
    return failed(err, {});
  }
}

const BY_HAND = ['panelRef', 'ips', 'hostname', 'username', 'password'] as const;

export async function completeByHandAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await manageService(data);
  if (!s.ok) return s.result;
  const values = formValues(data, BY_HAND);
  const raw = formInput(data, BY_HAND);
  // Blank optional fields mean "not given", not an empty hostname or login.
  const input = { panelRef: raw.panelRef ?? '', ips: raw.ips ?? '', hostname: raw.hostname || undefined, username: raw.username || undefined, password: raw.password || undefined };
  const parsed = completeByHandSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error, values);
  if (Boolean(input.username) !== Boolean(input.password)) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: { [input.username ? 'password' : 'username']: ['is needed with the other half of the login'] }, values };
  try {
    await completeProvisioningByHand(s.db, { serviceId: s.serviceId, input, actor: s.actor });
    return done(s.publicId, 'Marked as provisioned.');
  } catch (err) {
    return failed(err, values);
  }
}


export async function assignHardwareAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await manageService(data);
  if (!s.ok) return s.result;
  const values = formValues(data, ['serverId']);
  const serverId = hardwareServerIdSchema.safeParse(values.serverId ?? '');
  if (!serverId.success) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: { serverId: [serverId.error.issues[0]!.message] }, values };
  try {
    await assignHardware(s.db, { serviceId: s.serviceId, serverId: serverId.data, actor: s.actor });
    revalidatePath('/services/awaiting-hardware');
    return done(s.publicId, `Server ${serverId.data} assigned; provisioning is queued.`);
  } catch (err) {
    return failed(err, values);
  }
}

export async function editPanelRefAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await manageService(data);
  if (!s.ok) return s.result;
  const values = formValues(data, ['panelRef']);
  try {
    const res = await editPanelRef(s.db, { input: { serviceId: s.serviceId, panelRef: values.panelRef ?? '' }, actor: s.actor });
    if (!res.changed) return { ok: true, message: 'Nothing changed.' };
    return done(s.publicId, res.panelRef ? `Panel id set to ${res.panelRef}.` : 'Panel id cleared.');
  } catch (err) {
    return failed(err, values);
  }
}

export async function changeDueDateAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await manageService(data);
  if (!s.ok) return s.result;
  const values = formValues(data, ['nextDueOn']);
  try {
    const res = await changeDueDate(s.db, { input: { serviceId: s.serviceId, nextDueOn: values.nextDueOn ?? '' }, actor: s.actor });
    if (!res.changed) return { ok: true, message: 'Nothing changed.' };
    return done(s.publicId, `Next due date is now ${res.nextDueOn}.`);
  } catch (err) {
    return failed(err, values);
  }
}

export async function staffServiceMoveAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await manageService(data);
  if (!s.ok) return s.result;
  const field = (n: string) => (typeof data.get(n) === 'string' ? String(data.get(n)) : undefined);
  const reason = field('reason');
  try {
    const res = await staffServiceAction(s.db, {
      input: { serviceId: s.serviceId, action: field('action') as 'suspend', reason: reason ? (reason as 'abuse') : undefined, note: field('note') ?? '' },
      actor: s.actor,
    });
    return done(s.publicId, `The service is now ${res.status}.`);
  } catch (err) {
    return failed(err, { note: field('note')?.slice(0, 500) ?? '' });
  }
}

export async function changePlanAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await manageService(data);
  if (!s.ok) return s.result;
  const values = formValues(data, ['planSlug', 'billing', 'note']);
  try {
    const res = await staffChangeServicePlan(s.db, {
      input: { serviceId: s.serviceId, planSlug: values.planSlug ?? '', billing: values.billing as 'none', note: values.note ?? '' },
      actor: s.actor,
      storefrontId: s.storefrontId,
    });
    const { preview } = res;
    if (res.invoicePublicId) return done(s.publicId, `Upgrade to ${preview.planName} invoiced (${res.invoicePublicId}); it applies when the invoice is paid.`);
    const currencies = await requestCurrencyBook();
    const credited = res.creditedMinor > 0 ? ` ${currencies.format(res.creditedMinor, preview.currency)} was added to the customer's credit.` : '';
    return done(s.publicId, `Plan changed to ${preview.planName}; ${currencies.format(preview.newRecurringMinor, preview.currency)} from ${preview.periodEnd}.${credited}`);
  } catch (err) {
    return failed(err, values);
  }
}

const powerActionSchema = z.enum(['boot', 'shutdown', 'restart', 'poweroff'] satisfies PowerAction[]);

export async function powerServiceAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await manageService(data);
  if (!s.ok) return s.result;
  const action = powerActionSchema.safeParse(data.get('power'));
  if (!action.success) return { ok: false, message: 'This service has no such power control.' };
  try {
    return done(s.publicId, await powerService(s.db, { storefrontId: s.storefrontId, serviceId: s.serviceId, action: action.data, actor: s.actor }));
  } catch (err) {
    return failed(err, {});
  }
}
