import { z } from 'zod';
import { decryptSecret } from '@/lib/security/secret-box';

/** The secret fields of the form: write-only, a blank value keeps what is stored, "<name>Clear" removes it. */
export const SECRET_FIELDS = ['stripeSecretKey', 'stripeWebhookSecret', 'paypalClientSecret'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

export const RETRY_DAYS_MAX_COUNT = 8;

/** Blank, or one token of the given shape (keys never contain spaces). */
const key = (pattern: RegExp, message: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => v === '' || pattern.test(v), message);

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

export const paymentSettingsFormSchema = z
  .object({
    stripeEnabled: z.boolean(),
    stripePublishableKey: key(/^pk_(test|live)_[A-Za-z0-9_]+$/, 'must be a Stripe publishable key (pk_test_… or pk_live_…)', 255),
    stripeSecretKey: key(/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/, 'must be a Stripe secret or restricted key (sk_… or rk_…)', 500),
    stripeSecretKeyClear: z.boolean(),
    stripeWebhookSecret: key(/^whsec_\S+$/, 'must be a Stripe signing secret (whsec_…)', 500),
    stripeWebhookSecretClear: z.boolean(),
    paypalEnabled: z.boolean(),
    paypalEnvironment: z.enum(['sandbox', 'production'], 'must be sandbox or production'),
    paypalClientId: key(/^\S+$/, 'must not contain spaces', 255),
    paypalClientSecret: key(/^\S+$/, 'must not contain spaces', 500),
    paypalClientSecretClear: z.boolean(),
    paypalWebhookId: key(/^[A-Za-z0-9-]+$/, 'must be the webhook id PayPal shows (letters, digits and dashes)', 255),
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

export type PaymentSettingsFormInput = z.input<typeof paymentSettingsFormSchema>;

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
