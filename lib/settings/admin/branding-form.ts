import { z } from 'zod';
import { normalizeHexColor } from '@/lib/branding/contrast';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .default('')
    .transform((v) => v || null);

const optionalEmail = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .default('')
  .transform((v) => v.toLowerCase() || null)
  .refine((v) => v === null || z.email().safeParse(v).success, 'must be an email address');

// Only web links: javascript:, data: and the like would run or render in the visitor's browser from our footer.
const optionalWebUrl = z
  .string()
  .trim()
  .max(500, 'must be at most 500 characters')
  .default('')
  .transform((v) => v || null)
  .refine((v) => {
    if (v === null) return true;
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
    } catch {
      return false;
    }
  }, 'must be a web address starting with https://');

const color = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const hex = normalizeHexColor(v);
    if (!hex) ctx.addIssue({ code: 'custom', message: 'must be a colour like #2563eb' });
    return hex ?? '';
  });

const optionalColor = z
  .string()
  .trim()
  .default('')
  .transform((v, ctx) => {
    if (!v) return null;
    const hex = normalizeHexColor(v);
    if (!hex) ctx.addIssue({ code: 'custom', message: 'must be a colour like #2563eb' });
    return hex;
  });

/** What the Settings → Branding details form submits; blank optional fields clear the setting. */
export const brandingDetailsFormSchema = z.object({
  companyName: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  primaryColor: color,
  /** Blank: the primary colour. */
  accentColor: optionalColor,
  supportEmail: optionalEmail,
  mailFromAddress: optionalEmail,
  footerText: optionalText(500),
  termsUrl: optionalWebUrl,
  privacyUrl: optionalWebUrl,
  imprintUrl: optionalWebUrl,
});

export type BrandingDetailsFormInput = z.input<typeof brandingDetailsFormSchema>;
export const BRANDING_DETAIL_FIELDS = Object.keys(brandingDetailsFormSchema.shape) as (keyof BrandingDetailsFormInput)[];
