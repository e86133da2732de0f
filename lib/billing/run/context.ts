import type { AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import type { BillingSettings } from '@/lib/settings/billing-settings';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import type { PricingSettings } from '@/lib/pricing/types';
import type { ViesBreaker } from '@/lib/tax/refresh-vat-standings';
import type { CurrencyBook } from '@/lib/money/currency-book';

/** Everything a billing pass step needs; `at` is the pass's clock (CLI --at, or now). */
export interface PassContext {
  db: StorefrontDb;
  storefrontId: number;
  at: Date;
  /** `at` as YYYY-MM-DD (UTC): due dates are compared as dates. */
  today: string;
  billing: BillingSettings;
  commerce: CommerceSettings;
  pricing: PricingSettings;
  /** The storefront's currency rows, read once per pass: every amount the pass writes in an email is formatted with them. */
  currencies: CurrencyBook;
  actor: AuditActor;
  /** Outbox rows to dispatch after their transactions committed. */
  mail: number[];
  batchSize: number;
  /** VIES outages seen this pass: once VIES fails, the rest of the pass uses last known VAT number standings. */
  vies: ViesBreaker;
  /** A link into the storefront's account area, for emails (the hostname is looked up once per pass). */
  accountUrl: (path: string) => Promise<string>;
}
