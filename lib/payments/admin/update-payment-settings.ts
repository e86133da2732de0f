import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { fieldErrorsOf } from '@/lib/forms/field-errors';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { decryptSecret, encryptSecret } from '@/lib/security/secret-box';
import { getPaymentSettings, paymentSettingsSchema, savePaymentSettings, type PaymentSettings } from '@/lib/settings/payment-settings';
import { GATEWAY_IDS, type GatewayId } from '../registry';
import { GATEWAY_FORM_FIELDS, paymentSettingsFormSchema, type PaymentSettingsFormInput } from './payment-settings-form';

type Group = Exclude<keyof PaymentSettings, 'retryDays'>;
const GROUPS: readonly Group[] = [...GATEWAY_IDS, 'bankTransfer'];

/** Stored sealed; the audit log only learns whether they are set. */
const SEALED: Record<string, true> = Object.fromEntries(GATEWAY_FORM_FIELDS.filter((f) => f.field.kind === 'secret').map((f) => [`${f.gateway}.${f.key}`, true]));

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

/** A gateway's settings from the form: typed values as they are, secrets sealed (or kept, or cleared). */
function gatewaySettingsFrom(id: GatewayId, stored: Record<string, unknown>, f: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of GATEWAY_FORM_FIELDS) {
    if (field.gateway !== id) continue;
    const typed = f[field.name];
    out[field.key] = field.field.kind === 'secret' ? nextSecret(String(stored[field.key] ?? ''), String(typed ?? ''), f[`${field.name}Clear`] === true) : typed;
  }
  return out;
}

/** Every field as "group.field" → value, for comparing and auditing. */
function flatten(s: PaymentSettings): Record<string, unknown> {
  const out: Record<string, unknown> = { retryDays: s.retryDays };
  for (const group of GROUPS) for (const [k, v] of Object.entries(s[group])) out[`${group}.${k}`] = v;
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
  const f = form.data as typeof form.data & Record<string, unknown>;
  return db.transaction(async (tx) => {
    const current = await getPaymentSettings(tx);
    const next = paymentSettingsSchema.parse({
      ...Object.fromEntries(GATEWAY_IDS.map((id) => [id, gatewaySettingsFrom(id, current[id], f)])),
      bankTransfer: { enabled: f.bankTransferEnabled, instructions: f.bankTransferInstructions },
      retryDays: f.retryDays,
    });

    const was = flatten(current);
    const now = flatten(next);
    const changed = Object.keys(now).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]));
    if (changed.length === 0) return { changed };

    const patch: Partial<PaymentSettings> = {};
    for (const group of GROUPS) {
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
