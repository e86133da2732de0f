import { BILLING_CYCLES, type BillingCycle } from '@/db/schema/storefront/catalog';
import { minorToInput } from '@/lib/money/parse-money';
import { priceFieldName } from '@/lib/catalog/admin/price-grid';
import { CYCLE_LABELS } from '@/lib/catalog/public/display';
import { formatMoney } from '@/lib/money/format';
import { TextField } from '@/components/ui/form-fields';

interface GridCurrency {
  code: string;
  minorDigits: number;
  locale: string;
}

interface StoredPrice {
  currency: string;
  cycle: BillingCycle;
  amountMinor: number;
  setupFeeMinor: number;
  ratePrecise?: string | null;
}

/** Inputs for every enabled currency × billing cycle, in major units; goes inside an ActionForm. */
export function PriceGrid(props: { currencies: GridCurrency[]; prices: StoredPrice[]; allowRate: boolean }) {
  const stored = new Map(props.prices.map((p) => [`${p.currency}:${p.cycle}`, p]));
  if (!props.currencies.length) return <p className="text-sm text-slate-600">Enable a currency first.</p>;
  return (
    <div className="w-full overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-slate-500">
            <th className="py-1 pr-3 font-medium">Cycle</th>
            {props.currencies.map((c) => (
              <th key={c.code} className="py-1 pr-3 font-medium">
                {c.code} <span className="font-normal">(amount · setup fee)</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {BILLING_CYCLES.map((cycle) => (
            <tr key={cycle} className="border-t align-top">
              <th scope="row" className="py-2 pr-3 text-left font-medium">
                {CYCLE_LABELS[cycle]}
              </th>
              {props.currencies.map((c) => {
                const p = stored.get(`${c.code}:${cycle}`);
                return (
                  <td key={c.code} className="py-2 pr-3">
                    <div className="flex gap-2">
                      <TextField
                        name={priceFieldName('amount', c.code, cycle)}
                        label={`${c.code} ${CYCLE_LABELS[cycle].toLowerCase()} amount`}
                        srOnlyLabel
                        inputMode="decimal"
                        maxLength={20}
                        defaultValue={p ? minorToInput(p.amountMinor, c.minorDigits) : ''}
                        className="block w-28 text-sm"
                      />
                      <TextField
                        name={priceFieldName('setupFee', c.code, cycle)}
                        label={`${c.code} ${CYCLE_LABELS[cycle].toLowerCase()} setup fee`}
                        srOnlyLabel
                        inputMode="decimal"
                        maxLength={20}
                        defaultValue={p && p.setupFeeMinor ? minorToInput(p.setupFeeMinor, c.minorDigits) : ''}
                        className="block w-28 text-sm"
                      />
                    </div>
                    {props.allowRate && cycle === 'hourly' ? (
                      <TextField
                        name={priceFieldName('rate', c.code, cycle)}
                        label={`${c.code} precise hourly rate (minor units, up to 6 decimals)`}
                        inputMode="decimal"
                        maxLength={24}
                        defaultValue={p?.ratePrecise ?? ''}
                        className="mt-1 block w-56 text-xs"
                      />
                    ) : null}
                    {p ? (
                      <span className="text-xs text-slate-500">
                        now {formatMoney(p.amountMinor, c.code, c.locale, c.minorDigits)}
                        {p.setupFeeMinor ? ` + ${formatMoney(p.setupFeeMinor, c.code, c.locale, c.minorDigits)} setup` : ''}
                      </span>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">
        Amounts in major units (12.50). A blank amount means the plan is not offered in that currency and cycle. Prices in disabled currencies are kept
        but not shown here.
      </p>
    </div>
  );
}
