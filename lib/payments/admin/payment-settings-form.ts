import { z } from 'zod';
import { decryptSecret } from '@/lib/security/secret-box';
import type { GatewaySettingField } from '../gateway-definition';
import { GATEWAY_IDS, PAYMENT_GATEWAYS, type GatewayId } from '../registry';

/** A gateway setting's form field name: the gateway id then the settings key, e.g. stripeSecretKey. */
export const gatewayFieldName = (id: GatewayId, key: string): string => `${id}${key.charAt(0).toUpperCase()}${key.slice(1)}`;

export interface GatewayFormField {
  gateway: GatewayId;
  /** The key in the gateway's stored settings. */
  key: string;
  /** The form field's name. */
  name: string;
  field: GatewaySettingField;
}

/** Every gateway's settings fields, read from the registry, gateways and fields in display order. */
export const GATEWAY_FORM_FIELDS: GatewayFormField[] = GATEWAY_IDS.flatMap((gateway) =>
  Object.entries(PAYMENT_GATEWAYS[gateway].settings.form as Record<string, GatewaySettingField>).map(([key, field]) => ({ gateway, key, name: gatewayFieldName(gateway, key), field })),
);

/** The secret fields of the form: write-only, a blank value keeps what is stored, "<name>Clear" removes it. */
export const SECRET_FIELDS = GATEWAY_FORM_FIELDS.filter((f) => f.field.kind === 'secret').map((f) => f.name);

const gatewayFormShape: Record<string, z.ZodType> = {};
for (const f of GATEWAY_FORM_FIELDS) {
  gatewayFormShape[f.name] = f.field.kind === 'boolean' ? z.boolean() : f.field.input;
  if (f.field.kind === 'secret') gatewayFormShape[`${f.name}Clear`] = z.boolean();
}

export const RETRY_DAYS_MAX_COUNT = 8;

/** "1, 3, 5" → [1, 3, 5]: whole days from 1 to 60, at most eight, kept in ascending order without repeats. */
export const retryDaysSchema = z.string().transform((text, ctx) => {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.some((p) => !/^\d{1,2}$/.test(p) || Number(p) < 1 || Number(p) > 60)) {
    ctx.addIssue({ code: 'custom', message: 'must be whole numbers of days from 1 to 60, separated by commas' });
    return z.NEVER;
  }
  const days = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  if (days.length > RETRY_DAYS_MAX_COUNT) {
    ctx.addIssue({ code: 'custom', message: `must list at most ${RETRY_DAYS_MAX_COUNT} days` });
    return z.NEVER;
  }
  return days;
});

/** The admin payment settings form: every gateway's fields (from the registry), bank transfer and retries. */
export const paymentSettingsFormSchema = z
  .object({
    ...gatewayFormShape,
    bankTransferEnabled: z.boolean(),
    bankTransferInstructions: z.string().trim().max(2000, 'must be at most 2000 characters'),
    retryDays: retryDaysSchema,
  })
  // Cross-field rules run even when another field failed, so the form shows every problem at once; a failed field
  // may still hold its raw input, hence the type checks.
  .superRefine(
    (form, ctx) => {
      const f = form as Record<string, unknown>;
      for (const name of SECRET_FIELDS) {
        const typed = f[name];
        if (typeof typed === 'string' && typed.trim() !== '' && f[`${name}Clear`] === true) ctx.addIssue({ code: 'custom', path: [name], message: 'cannot be replaced and cleared at once' });
      }
      const instructions = f.bankTransferInstructions;
      if (f.bankTransferEnabled === true && (typeof instructions !== 'string' || instructions.trim() === '')) {
        ctx.addIssue({ code: 'custom', path: ['bankTransferInstructions'], message: 'are needed when bank transfer is offered' });
      }
    },
    { when: () => true },
  );

/** The fixed fields, and each gateway field by name (a boolean for checkboxes, else the typed text). */
export type PaymentSettingsFormInput = z.input<typeof paymentSettingsFormSchema> & Record<string, string | boolean>;

/** What the settings page shows of a stored (sealed) secret: never more than its last four characters. */
export function secretHint(sealed: string): string {
  if (!sealed) return 'not set';
  try {
    const plain = decryptSecret(sealed);
    return plain.length > 8 ? `set, ends in …${plain.slice(-4)}` : 'set';
  } catch {
    return 'set, but it cannot be opened with the current app key: enter it again';
  }
}
