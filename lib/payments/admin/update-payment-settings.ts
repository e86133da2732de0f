import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { decryptSecret, encryptSecret } from '@/lib/security/secret-box';
import { getPaymentSettings, paymentSettingsSchema, savePaymentSettings, type PaymentSettings } from '@/lib/settings/payment-settings';
import { paymentSettingsFormSchema, type PaymentSettingsFormInput } from './payment-settings-form';

type Group = Exclude<keyof PaymentSettings, 'retryDays'>;

/** Stored sealed; the audit log only learns whether they are set. */
const SEALED: Record<string, true> = { 'stripe.secretKey': true, 'stripe.webhookSecret': true, 'paypal.clientSecret': true };

function opened(sealed: string): string | null {
  try {
    return decryptSecret(sealed);
  } catch {
    return null;
  }
}

/** Cleared, kept (blank, or typed again unchanged: the stored seal stays), or sealed anew. */
function nextSecret(stored: string, typed: string, clear: boolean): string {
  if (clear) return '';
  if (typed === '' || (stored !== '' && opened(stored) === typed)) return stored;
  return encryptSecret(typed);
}

/** Every field as "group.field" → value, for comparing and auditing. */
function flatten(s: PaymentSettings): Record<string, unknown> {
  const out: Record<string, unknown> = { retryDays: s.retryDays };
  for (const group of ['stripe', 'paypal', 'bankTransfer'] as const) for (const [k, v] of Object.entries(s[group])) out[`${group}.${k}`] = v;
  return out;
}

const audited = (field: string, value: unknown, side: 'before' | 'after'): unknown => (SEALED[field] ? (value === '' ? 'not set' : side === 'before' ? 'set' : 'new value') : value);

/**
 * Saves the payment settings form. Secrets are sealed with the app key; a blank secret keeps the stored one and
 * its "clear" box removes it. Only groups that changed are written, audited as settings.payments.updated in the same
 * transaction with the changed fields — never a secret's value, only whether one is set.
 */
export async function updatePaymentSettings(db: SfDb, opts: { input: PaymentSettingsFormInput; actor: AuditActor }): Promise<{ changed: string[] }> {
  const form = paymentSettingsFormSchema.safeParse(opts.input);
  if (!form.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(form.error));
  const f = form.data;
  return db.transaction(async (tx) => {
    const current = await getPaymentSettings(tx);
    const next = paymentSettingsSchema.parse({
      stripe: {
        enabled: f.stripeEnabled,
        publishableKey: f.stripePublishableKey,
        secretKey: nextSecret(current.stripe.secretKey, f.stripeSecretKey, f.stripeSecretKeyClear),
        webhookSecret: nextSecret(current.stripe.webhookSecret, f.stripeWebhookSecret, f.stripeWebhookSecretClear),
      },
      paypal: {
        enabled: f.paypalEnabled,
        environment: f.paypalEnvironment,
        clientId: f.paypalClientId,
        clientSecret: nextSecret(current.paypal.clientSecret, f.paypalClientSecret, f.paypalClientSecretClear),
        webhookId: f.paypalWebhookId,
      },
      bankTransfer: { enabled: f.bankTransferEnabled, instructions: f.bankTransferInstructions },
      retryDays: f.retryDays,
    } satisfies PaymentSettings);

    const was = flatten(current);
    const now = flatten(next);
    const changed = Object.keys(now).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]));
    if (changed.length === 0) return { changed };

    const patch: Partial<PaymentSettings> = {};
    for (const group of ['stripe', 'paypal', 'bankTransfer'] as const satisfies readonly Group[]) {
      if (changed.some((k) => k.startsWith(`${group}.`))) Object.assign(patch, { [group]: next[group] });
    }
    if (changed.includes('retryDays')) patch.retryDays = next.retryDays;
    await savePaymentSettings(tx, patch);
    await recordAudit(tx, {
      actor: opts.actor,
      action: 'settings.payments.updated',
      target: { type: 'settings', id: 'payments' },
      before: Object.fromEntries(changed.map((k) => [k, audited(k, was[k], 'before')])),
      after: Object.fromEntries(changed.map((k) => [k, audited(k, now[k], 'after')])),
    });
    return { changed };
  });
}
