'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { failed } from '@/lib/forms/action-result';
import { connectGateway } from '@/lib/payments/connect-gateway';
import { gatewayNames, type GatewayId } from '@/lib/payments/registry';
import { SECRET_FIELDS } from '@/lib/payments/admin/payment-settings-form';
import { updatePaymentSettings } from '@/lib/payments/admin/update-payment-settings';
import { requireStaffPermission, staffChangeActor } from '@/lib/staff/require-staff-permission';

const TEXT = ['stripePublishableKey', 'paypalEnvironment', 'paypalClientId', 'paypalWebhookId', 'bankTransferInstructions', 'retryDays'] as const;
const FLAGS = ['stripeEnabled', 'paypalEnabled', 'bankTransferEnabled', 'stripeSecretKeyClear', 'stripeWebhookSecretClear', 'paypalClientSecretClear'] as const;

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
  const secrets = Object.fromEntries(SECRET_FIELDS.map((n) => [n, text(data, n, 501)])) as Record<(typeof SECRET_FIELDS)[number], string>;
  try {
    const res = await updatePaymentSettings(access.ctx.db, {
      input: {
        stripeEnabled: values.stripeEnabled === 'on',
        stripePublishableKey: values.stripePublishableKey!,
        stripeSecretKey: secrets.stripeSecretKey,
        stripeSecretKeyClear: values.stripeSecretKeyClear === 'on',
        stripeWebhookSecret: secrets.stripeWebhookSecret,
        stripeWebhookSecretClear: values.stripeWebhookSecretClear === 'on',
        paypalEnabled: values.paypalEnabled === 'on',
        paypalEnvironment: values.paypalEnvironment as 'sandbox',
        paypalClientId: values.paypalClientId!,
        paypalClientSecret: secrets.paypalClientSecret,
        paypalClientSecretClear: values.paypalClientSecretClear === 'on',
        paypalWebhookId: values.paypalWebhookId!,
        bankTransferEnabled: values.bankTransferEnabled === 'on',
        bankTransferInstructions: values.bankTransferInstructions!,
        retryDays: values.retryDays!,
      },
      actor: await staffChangeActor(access.staff),
    });
    revalidatePath('/settings/payments');
    return { ok: true, message: res.changed.length ? `Saved (${res.changed.length} setting${res.changed.length === 1 ? '' : 's'} changed).` : 'Nothing changed.' };
  } catch (err) {
    return failed(err, values);
  }
}

async function connect(id: GatewayId): Promise<ActionResult> {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return { ok: false, message: access.message };
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

export async function connectStripeAction(_prev: ActionResult | null, _data: FormData): Promise<ActionResult> {
  return connect('stripe');
}

export async function connectPaypalAction(_prev: ActionResult | null, _data: FormData): Promise<ActionResult> {
  return connect('paypal');
}
