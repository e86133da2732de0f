import { z } from 'zod';
import { BILLING_CYCLES, OPTION_TYPES, PLAN_STATUSES, SERVICE_TYPES } from '@/db/schema/storefront/catalog';
import type { ModuleKey } from '@/lib/provisioning/module';
import { MODULE_KEYS } from '@/lib/provisioning/registry';

export const MODULE_SETTINGS_MAX_BYTES = 10 * 1024;

export const idSchema = z.coerce.number({ error: 'is not valid' }).int('is not valid').positive('is not valid');

const idList = z.array(idSchema).max(500).default([]);

const text = (max: number) => z.string({ error: 'is required' }).trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, min === 0 ? 'cannot be negative' : `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** A whole number typed into a form (or passed as a number); blank means `fallback`. */
const int = (min: number, max: number, fallback: number) =>
  z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v) => (blank(v) ? fallback : Number(v)))
    .pipe(wholeNumber(min, max));

/** Like int, but blank means null. */
const optionalInt = (min: number, max: number) =>
  z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v) => (blank(v) ? null : Number(v)))
    .pipe(wholeNumber(min, max).nullable());

/** An HTML checkbox ("on" when ticked, absent when not) or a plain boolean. */
export const checkbox = z
  .union([z.boolean(), z.string()])
  .nullish()
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

export const slugSchema = (max: number) =>
  text(max).regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'may use only lowercase letters, digits and hyphens (not at the ends)');

const sortOrder = int(-1_000_000, 1_000_000, 0);

export const productGroupSchema = z.object({
  name: text(120),
  slug: slugSchema(60),
  description: optionalText(2000),
  sortOrder,
  hidden: checkbox,
});

/** One feature per line; blank lines dropped. */
const featuresSchema = z
  .union([z.string().max(5000, 'must be at most 5000 characters'), z.array(z.string())])
  .nullish()
  .transform((v) => (Array.isArray(v) ? v : (v ?? '').split(/\r?\n/)).map((l) => l.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(200, 'lines must be at most 200 characters')).max(50, 'may have at most 50 lines'));

/** A JSON object typed into a textarea (or passed as an object); blank means {}. */
const moduleSettingsSchema = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .nullish()
  .transform((v, ctx): Record<string, unknown> => {
    if (v === null || v === undefined) return {};
    const raw = typeof v === 'string' ? v.trim() : JSON.stringify(v);
    if (raw === '') return {};
    if (new TextEncoder().encode(raw).length > MODULE_SETTINGS_MAX_BYTES) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${MODULE_SETTINGS_MAX_BYTES / 1024} KB` });
      return z.NEVER;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
      return z.NEVER;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object ({ … })' });
      return z.NEVER;
    }
    return parsed as Record<string, unknown>;
  });

export const planSchema = z.object({
  groupId: idSchema,
  name: text(120),
  slug: slugSchema(80),
  description: optionalText(5000),
  features: featuresSchema,
  serviceType: z.enum(SERVICE_TYPES, { error: 'must be one of the listed types' }),
  // A key no module answers to would leave its services unprovisioned, so only registered modules are accepted.
  provisioningModule: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(z.enum(MODULE_KEYS as [ModuleKey, ...ModuleKey[]], { error: `must be one of ${MODULE_KEYS.join(', ')} (or blank)` }).nullable()),
  moduleSettings: moduleSettingsSchema,
  status: z.enum(PLAN_STATUSES, { error: 'must be active, hidden or archived' }),
  sortOrder,
  trialDays: int(0, 365, 0),
  stockQuantity: optionalInt(0, 1_000_000_000),
  locationIds: idList,
  optionGroupIds: idList,
});

export const updatePlanSchema = planSchema.extend({ planId: idSchema });

/** One cell of a prices grid as typed: amounts in major units ("12.50"); `rate` only for hourly plan prices. */
export const priceCellSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  cycle: z.enum(BILLING_CYCLES),
  amount: z.string().max(40).optional(),
  setupFee: z.string().max(40).optional(),
  rate: z.string().max(40).optional(),
});
export const priceCellsSchema = z.array(priceCellSchema).max(BILLING_CYCLES.length * 50);
export type PriceCellInput = z.input<typeof priceCellSchema>;

export const locationSchema = z.object({
  code: slugSchema(40),
  name: text(120),
  country: z
    .string({ error: 'is required' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO country code'),
  city: text(100),
  active: checkbox,
  sortOrder,
});

function isValidLocale(v: string): boolean {
  try {
    return Intl.getCanonicalLocales(v).length === 1;
  } catch {
    return false;
  }
}

export function isIsoCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
  } catch {
    return false;
  }
  // NumberFormat accepts any well-formed code ("ABC"); the runtime's list of known currencies is stricter.
  return typeof Intl.supportedValuesOf !== 'function' || Intl.supportedValuesOf('currency').includes(code);
}

const currencyFields = {
  name: text(60),
  locale: text(20).refine(isValidLocale, 'must be a locale like en-US'),
  minorDigits: int(0, 4, 2),
  enabled: checkbox,
  sortOrder,
};

export const addCurrencySchema = z.object({
  code: z
    .string({ error: 'is required' })
    .trim()
    .toUpperCase()
    .refine(isIsoCurrency, 'must be an ISO 4217 currency code like USD'),
  ...currencyFields,
  /** Blank: the ISO 4217 exponent Intl knows for the code. */
  minorDigits: optionalInt(0, 4),
});

export const updateCurrencySchema = z.object({ code: z.string().regex(/^[A-Z]{3}$/, 'is not valid'), ...currencyFields });

export const optionGroupSchema = z.object({
  name: text(120),
  description: optionalText(2000),
  planIds: idList,
});

export const configOptionSchema = z.object({
  code: text(60).regex(/^[a-z0-9_-]+$/, 'may use only lowercase letters, digits, _ and -'),
  name: text(120),
  type: z.enum(OPTION_TYPES, { error: 'must be one of the listed types' }),
  minQuantity: int(0, 1_000_000, 0),
  maxQuantity: int(0, 1_000_000, 0),
  stepQuantity: int(1, 1_000_000, 1),
  required: checkbox,
  upgradable: checkbox,
  hidden: checkbox,
  sortOrder,
});

export const optionValueSchema = z.object({
  code: text(60).regex(/^[a-z0-9_-]+$/, 'may use only lowercase letters, digits, _ and -'),
  label: text(120),
  hidden: checkbox,
  sortOrder,
});

export type ProductGroupInput = z.input<typeof productGroupSchema>;
export type PlanInput = z.input<typeof planSchema>;
export type LocationInput = z.input<typeof locationSchema>;
export type AddCurrencyInput = z.input<typeof addCurrencySchema>;
export type UpdateCurrencyInput = z.input<typeof updateCurrencySchema>;
export type OptionGroupInput = z.input<typeof optionGroupSchema>;
export type ConfigOptionInput = z.input<typeof configOptionSchema>;
export type OptionValueInput = z.input<typeof optionValueSchema>;
