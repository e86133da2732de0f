'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { failed } from '@/lib/forms/action-result';
import { connectGateway } from '@/lib/payments/connect-gateway';
import { GATEWAY_FORM_FIELDS, SECRET_FIELDS } from '@/lib/payments/admin/payment-settings-form';
import { updatePaymentSettings } from '@/lib/payments/admin/update-payment-settings';
import { gatewayIdSchema, gatewayNames } from '@/lib/payments/registry';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

// The form's fields, gateways' from the registry: text comes back to the form after an error, flags are checkboxes.
const TEXT = [...GATEWAY_FORM_FIELDS.filter((f) => f.field.kind === 'text' || f.field.kind === 'select').map((f) => f.name), 'bankTransferInstructions', 'retryDays'];
const FLAGS = [...GATEWAY_FORM_FIELDS.filter((f) => f.field.kind === 'boolean').map((f) => f.name), 'bankTransferEnabled', ...SECRET_FIELDS.map((n) => `${n}Clear`)];

const text = (data: FormData, name: string, max: number): string => {
  const v = data.get(name);
  return typeof v === 'string' ? v.slice(0, max) : '';
};

export async function savePaymentSettingsAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  // Typed values come back to the form after an error, except the secrets: those are never sent to the browser.
  const values: Record<string, string> = {};
  for (const n of TEXT) values[n] = text(data, n, n === 'bankTransferInstructions' ? 2001 : 501);
  for (const n of FLAGS) values[n] = data.get(n) === 'on' ? 'on' : '';
  const input: Record<string, string | boolean> = {};
  for (const n of TEXT) input[n] = values[n] ?? '';
  for (const n of FLAGS) input[n] = values[n] === 'on';
  for (const n of SECRET_FIELDS) input[n] = text(data, n, 501);
  try {
    const res = await updatePaymentSettings(access.ctx.db, {
      input: { ...input, bankTransferEnabled: values.bankTransferEnabled === 'on', bankTransferInstructions: values.bankTransferInstructions ?? '', retryDays: values.retryDays ?? '' },
      actor: await staffChangeActor(access.staff),
    });
    revalidatePath('/settings/payments');
    return { ok: true, message: res.changed.length ? `Saved (${res.changed.length} setting${res.changed.length === 1 ? '' : 's'} changed).` : 'Nothing changed.' };
  } catch (err) {
    return failed(err, values);
  }
}

/** "Connect <gateway> webhooks": the gateway is the form's hidden field. */
export async function connectGatewayAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const parsed = gatewayIdSchema().safeParse(data.get('gateway'));
  if (!parsed.success) return { ok: false, message: 'No such payment gateway.' };
  const id = parsed.data;
  const name = gatewayNames(id).staff;
  try {
    const { url } = await connectGateway(access.ctx.db, access.ctx.storefront, id, await staffChangeActor(access.staff));
    revalidatePath('/settings/payments');
    return { ok: true, message: `${name} now sends its events to ${url}.` };
  } catch (err) {
    // The gateway's own answer (bad key, unreachable URL) is what staff need to fix it; it carries no secret.
    console.error(`connect ${id} webhooks failed`, err);
    return { ok: false, message: `${name} could not be connected: ${err instanceof Error ? err.message : String(err)}` };
  }
}
