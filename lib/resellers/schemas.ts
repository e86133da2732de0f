import { z } from 'zod';
import { emailSchema } from '@/lib/auth/schemas';
import { MAX_MINOR } from '@/lib/money/parse-money';
import { SLUG_PATTERN } from '@/lib/tenancy/storefront-location';

/**
 * Slugs that would give a reseller a host the platform uses or one that reads like ours: the storefront's
 * hostnames are <slug>.<APP_DOMAIN>, account.<slug>… and admin.<slug>…, beside the retail account./admin. hosts.
 */
export const RESERVED_SLUGS = new Set([
  'account',
  'admin',
  'api',
  'app',
  'www',
  'mail',
  'smtp',
  'imap',
  'ftp',
  'ns1',
  'ns2',
  'status',
  'billing',
  'support',
  'help',
  'docs',
  'static',
  'assets',
  'cdn',
  'platform',
  'reseller',
  'resellers',
  'ezscale',
]);

export const resellerSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, 'must be 3-40 lowercase letters, digits or dashes, starting with a letter')
  .refine((s) => !RESERVED_SLUGS.has(s), 'is reserved; choose another');

const programSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, 'must be 3-40 lowercase letters, digits or dashes, starting with a letter');

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

/** Platform staff's New reseller form, the CLI's reseller:create and an approved application all come through here. */
export const createResellerSchema = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(120, 'must be at most 120 characters'),
  ownerEmail: emailSchema,
  ownerName: optionalText(120),
  slug: resellerSlugSchema,
  /** A program's slug; the first active program when left out. */
  program: programSlugSchema.optional().or(z.literal('').transform(() => undefined)),
});
export type CreateResellerInput = z.input<typeof createResellerSchema>;

export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code');

export const programFeeSchema = z.object({
  currency: currencyCodeSchema,
  monthlyFeeMinor: z.number().int().min(0, 'cannot be negative').max(MAX_MINOR, 'is too large'),
});

export const saveProgramSchema = z.object({
  slug: programSlugSchema,
  name: z.string().trim().min(2, 'must be at least 2 characters').max(120, 'must be at most 120 characters'),
  active: z.boolean(),
  unpaidDaysBeforeSuspension: z.coerce.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1 day').max(365, 'must be at most 365 days'),
  /** One fee per currency the program is offered in; a currency left out has no fee row (not offered). */
  fees: z
    .array(programFeeSchema)
    .max(50)
    .refine((fees) => new Set(fees.map((f) => f.currency)).size === fees.length, 'lists a currency twice'),
});
export type SaveProgramInput = z.input<typeof saveProgramSchema>;

const websiteSchema = z
  .string()
  .trim()
  .max(255, 'must be at most 255 characters')
  .transform((v) => (v && !/^https?:\/\//i.test(v) ? `https://${v}` : v))
  .pipe(z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'must be a web address like https://example.com' })]))
  .transform((v) => v || undefined);

/** The application form's hidden field, which people never see and bots fill in. */
export const APPLICATION_TRAP_FIELD = 'fax';

/** The marketing site's "Become a reseller" form. */
export const resellerApplicationSchema = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(120, 'must be at most 120 characters'),
  company: z.string().trim().min(2, 'must be at least 2 characters').max(160, 'must be at most 160 characters'),
  email: emailSchema,
  website: websiteSchema.optional(),
  message: z.string().trim().min(20, 'tell us a little more (at least 20 characters)').max(4000, 'must be at most 4000 characters'),
});
export type ResellerApplicationInput = z.input<typeof resellerApplicationSchema>;

export const publicIdSchema = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{10,30}$`), 'is not a valid id');

export const approveApplicationSchema = z.object({
  applicationId: publicIdSchema('rapp'),
  slug: resellerSlugSchema,
  program: programSlugSchema.optional().or(z.literal('').transform(() => undefined)),
});

export const rejectApplicationSchema = z.object({
  applicationId: publicIdSchema('rapp'),
  note: optionalText(500),
});
