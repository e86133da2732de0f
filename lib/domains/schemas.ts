import { isIP } from 'node:net';
import { z } from 'zod';

// account.<domain> and admin.<domain> must still fit in a hostname column (253).
const MAX_DOMAIN_LENGTH = 240;

/** A storefront's own domain as typed: trimmed, lower-cased, without a scheme, path or trailing dot. */
export const customDomainNameSchema = z
  .string({ error: 'is required' })
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/\.$/, ''))
  .pipe(
    z
      .string()
      .min(1, 'is required')
      .max(MAX_DOMAIN_LENGTH, `must be at most ${MAX_DOMAIN_LENGTH} characters`)
      .refine((v) => isIP(v) === 0, 'must be a domain name, not an IP address')
      .refine((v) => /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/.test(v), 'must be a domain such as shop.example.com')
      .refine((v) => !/^(account|admin)\./.test(v), 'must be the domain itself: its account. and admin. hosts come with it'),
  );

export const domainPublicIdSchema = z.string().regex(/^dom_[a-z0-9]{1,28}$/, 'is not a domain id');

export const addDomainSchema = z.object({
  storefrontId: z.number().int().positive(),
  domain: customDomainNameSchema,
});
