import type { Customer } from '@/db/schema/storefront';
import { checkVatNumber, viesBaseUrl } from '@/lib/integrations/vies/client';
import { getRedis, redisKey } from '@/lib/redis/client';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import { isEuCountry } from './eu';
import { isValidVatNumberFormat, toPrefixedVatNumber } from './vat-number';

export type VatNumberStanding = 'confirmed' | 'rejected' | 'unchecked';

const CACHE_SECONDS = 24 * 3600;

/**
 * Whether VIES vouches for an EU business customer's VAT number, when the storefront asks for the check. Only a
 * definite "invalid" counts against the customer; VIES being down leaves the format check in charge, so an
 * outage never blocks an order. Answers are cached for a day (VIES is slow and rate-limited).
 */
export async function vatNumberStanding(customer: Pick<Customer, 'country' | 'company' | 'taxId'>, settings: Pick<CommerceSettings, 'viesEnabled'>): Promise<VatNumberStanding> {
  if (!settings.viesEnabled || !customer.taxId || !customer.company || !isEuCountry(customer.country)) return 'unchecked';
  const number = toPrefixedVatNumber(customer.country, customer.taxId);
  if (!number || !isValidVatNumberFormat(customer.country, number)) return 'unchecked';
  const key = redisKey('vies', number);
  const cached = await getRedis()
    .get(key)
    .catch(() => null);
  if (cached === 'confirmed' || cached === 'rejected') return cached;
  const result = await checkVatNumber(customer.country, number, { baseUrl: viesBaseUrl() });
  if (result.status === 'unavailable') return 'unchecked';
  const standing = result.status === 'valid' ? 'confirmed' : 'rejected';
  await getRedis()
    .set(key, standing, 'EX', CACHE_SECONDS)
    .catch(() => undefined);
  return standing;
}
