import type { PlanView } from '@/components/marketing/plan-parts';
import { listEnabledCurrencies, type PublicCurrency } from '@/lib/catalog/public/list-enabled-currencies';
import { resolveCatalogSelection } from '@/lib/catalog/public/schemas';
import { areaUrl } from '@/lib/tenancy/area-url';
import type { RequestContext } from '@/lib/tenancy/request-context';

/** The visitor's currency and cycle from the query (validated, with defaults) and where the Order buttons go. */
export async function loadCatalogView(
  ctx: RequestContext,
  searchParams: Record<string, string | string[] | undefined>,
): Promise<{ currencies: PublicCurrency[]; view: PlanView } | null> {
  const currencies = await listEnabledCurrencies(ctx.db);
  const selection = resolveCatalogSelection(searchParams, currencies);
  if (!selection) return null;
  // Without an account host there is nowhere to order: the pages still show prices, without Order buttons.
  const accountUrl = await areaUrl(ctx.storefront.id, 'account', '').catch(() => null);
  return { currencies, view: { ...selection, accountUrl } };
}
