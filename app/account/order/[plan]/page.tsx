import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { OrderConfigurator, type ConfiguratorOption } from '@/components/order/order-configurator';
import { BILLING_CYCLES } from '@/db/schema/storefront/catalog';
import { requireArea } from '@/lib/auth/request-session';
import { orderFieldsForPlan } from '@/lib/catalog/order-fields';
import { CYCLE_LABELS, CYCLE_SUFFIXES, formatPrice } from '@/lib/catalog/public/display';
import { getPlanForOrder } from '@/lib/catalog/public/get-plan-for-order';
import { listEnabledCurrencies } from '@/lib/catalog/public/list-enabled-currencies';
import { formatMoney } from '@/lib/money/format';
import { BrandLine } from '@/components/ui/brand-mark';
import { getRequestBrand } from '@/lib/branding/request-brand';
import { addToCartAction, quoteItemAction } from '../../cart/actions';

const paramsSchema = z.object({
  cycle: z.enum(BILLING_CYCLES).optional().catch(undefined),
  currency: z.string().regex(/^[A-Z]{3}$/).optional().catch(undefined),
});

export default async function OrderPlanPage(props: { params: Promise<{ plan: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requireArea('account');
  const brand = await getRequestBrand();
  const { plan: slug } = await props.params;
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) notFound();
  const plan = await getPlanForOrder(ctx.db, { slug });
  if (!plan) notFound();
  const query = paramsSchema.parse(await props.searchParams);
  const enabled = await listEnabledCurrencies(ctx.db);
  const offered = enabled.filter((c) => plan.prices.some((p) => p.currency === c.code));
  const currency = offered.find((c) => c.code === query.currency) ?? offered[0];
  const shell = (body: React.ReactNode) => (
    <main className="mx-auto max-w-5xl px-6 py-12">
      <BrandLine brand={brand} area="Order" className="mb-2" />
      <h1 className="text-3xl font-semibold">{plan.name}</h1>
      {plan.description ? <p className="mt-2 max-w-2xl text-slate-600">{plan.description}</p> : null}
      {body}
    </main>
  );
  if (!currency) return shell(<p className="mt-6">This plan has no price yet and can’t be ordered.</p>);
  if (plan.stock === 0) return shell(<p className="mt-6 font-medium text-amber-700">Out of stock. Please check back later.</p>);

  const prices = plan.prices.filter((p) => p.currency === currency.code);
  const money = (m: number) => formatMoney(m, currency.code, currency.locale, currency.minorDigits);
  const cycles = prices.map((p) => ({
    cycle: p.cycle,
    label: CYCLE_LABELS[p.cycle],
    price: `${formatPrice(p, currency)} ${CYCLE_SUFFIXES[p.cycle]}`,
    setupFee: p.setupFeeMinor > 0 ? money(p.setupFeeMinor) : null,
  }));
  const initialCycle = prices.find((p) => p.cycle === query.cycle)?.cycle ?? prices[0]!.cycle;
  const options: ConfiguratorOption[] = plan.optionGroups.flatMap((g) =>
    g.options.map((o) => ({
      id: o.id,
      name: o.name,
      type: o.type,
      min: o.minQuantity,
      max: o.maxQuantity,
      step: o.stepQuantity,
      required: o.required,
      values: o.values.map((v) => ({
        id: v.id,
        label: v.label,
        priceByCycle: Object.fromEntries(
          v.prices.filter((p) => p.currency === currency.code && (p.amountMinor > 0 || p.setupFeeMinor > 0)).map((p) => [p.cycle, `+${money(p.amountMinor)}${p.setupFeeMinor > 0 ? ` + ${money(p.setupFeeMinor)} setup` : ''}`]),
        ),
      })),
    })),
  );
  return shell(
    <>
      <ul className="mt-4 flex flex-wrap gap-2 text-sm text-slate-700">
        {plan.features.map((f) => (
          <li key={f} className="rounded bg-slate-100 px-2 py-1">
            {f}
          </li>
        ))}
      </ul>
      {offered.length > 1 ? (
        <nav aria-label="Currency" className="mt-4 flex gap-2 text-sm">
          {offered.map((c) => (
            <Link
              key={c.code}
              href={`/order/${plan.slug}?${new URLSearchParams({ currency: c.code, cycle: initialCycle }).toString()}`}
              aria-current={c.code === currency.code ? 'true' : undefined}
              className={`rounded border px-2 py-1 ${c.code === currency.code ? 'border-[var(--brand)] font-semibold' : 'border-slate-300'}`}
            >
              {c.code}
            </Link>
          ))}
        </nav>
      ) : null}
      {plan.trialDays > 0 ? <p className="mt-4 text-sm text-green-700">Includes a {plan.trialDays}-day free trial.</p> : null}
      <div className="mt-8">
        <OrderConfigurator
          key={currency.code}
          planSlug={plan.slug}
          currency={currency.code}
          initialCycle={initialCycle}
          cycles={cycles}
          locations={plan.locations.map((l) => ({ id: l.id, label: `${l.name} (${l.city}, ${l.country})` }))}
          options={options}
          fields={orderFieldsForPlan(plan).map(({ name, label, help }) => ({ name, label, help }))}
          addToCart={addToCartAction}
          quote={quoteItemAction}
        />
      </div>
    </>,
  );
}
