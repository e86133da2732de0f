import { z } from 'zod';
import { SLUG_PATTERN } from './storefront-location';

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(200)
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'must be a hostname such as example.com');

export const createStorefrontSchema = z.object({
  slug: z.string().regex(SLUG_PATTERN, 'must be 3-40 lowercase letters, digits or dashes, starting with a letter'),
  name: z.string().trim().min(2).max(120),
  kind: z.enum(['retail', 'reseller']).default('reseller'),
  tagline: z.string().trim().max(255).optional(),
  brandColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #2563eb')
    .default('#2563eb'),
  /** The apex domain; the account and admin areas live at account.<domain> and admin.<domain>. */
  domain: hostname,
  dbServerUrl: z
    .string()
    .url()
    .refine((v) => v.startsWith('mysql://'), 'must be a mysql:// URL')
    .optional(),
});

export type CreateStorefrontInput = z.input<typeof createStorefrontSchema>;
