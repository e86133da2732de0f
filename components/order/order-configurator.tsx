'use client';

import { useActionState, useCallback, useEffect, useRef, useState } from 'react';
import type { ActionResult } from '@/components/ui/action-form';
import type { CartQuote } from '@/lib/orders/cart-quote';

export interface ConfiguratorCycle {
  cycle: string;
  label: string;
  price: string;
  setupFee: string | null;
}

export interface ConfiguratorOption {
  id: number;
  name: string;
  type: 'dropdown' | 'radio' | 'quantity' | 'yes_no';
  min: number;
  max: number;
  step: number;
  required: boolean;
  /** Per value: the price text for each cycle ("+$3.00"), empty when free. */
  values: { id: number; label: string; priceByCycle: Record<string, string> }[];
}

export interface ConfiguratorProps {
  planSlug: string;
  currency: string;
  initialCycle: string;
  cycles: ConfiguratorCycle[];
  locations: { id: number; label: string }[];
  options: ConfiguratorOption[];
  fields: { name: string; label: string; help: string }[];
  addToCart: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  quote: (data: FormData) => Promise<{ ok: true; quote: CartQuote } | { ok: false; message: string }>;
}

const input = 'mt-1 w-full rounded border border-slate-300 px-3 py-2';

/** The plan's order form. Prices shown next to choices are the catalog's; the total comes from the server. */
export function OrderConfigurator(props: ConfiguratorProps) {
  const [state, formAction, pending] = useActionState(props.addToCart, null);
  const [cycle, setCycle] = useState(props.initialCycle);
  const [quote, setQuote] = useState<CartQuote | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const seq = useRef(0);

  const refresh = useCallback(async () => {
    if (!formRef.current) return;
    const mine = ++seq.current;
    const r = await props.quote(new FormData(formRef.current));
    if (mine !== seq.current) return;
    if (r.ok) {
      setQuote(r.quote);
      setQuoteError(null);
    } else setQuoteError(r.message);
  }, [props]);

  useEffect(() => {
    void refresh();
  }, [refresh, cycle]);
  useEffect(() => {
    if (state?.ok && state.redirectTo) window.location.assign(state.redirectTo);
  }, [state]);

  const err = (name: string) => state?.fieldErrors?.[name]?.[0];
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <form ref={formRef} action={formAction} onChange={() => void refresh()} className="space-y-6" noValidate>
        <input type="hidden" name="planSlug" value={props.planSlug} />
        <input type="hidden" name="currency" value={props.currency} />
        <fieldset>
          <legend className="font-medium">Billing cycle</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {props.cycles.map((c) => (
              <label key={c.cycle} className="flex cursor-pointer items-center gap-2 rounded border border-slate-300 px-3 py-2 text-sm">
                <input type="radio" name="cycle" value={c.cycle} checked={cycle === c.cycle} onChange={() => setCycle(c.cycle)} />
                <span>
                  {c.label}: <strong>{c.price}</strong>
                  {c.setupFee ? <span className="text-slate-500"> + {c.setupFee} setup</span> : null}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {props.locations.length ? (
          <label className="block text-sm">
            <span className="font-medium">Location</span>
            <select name="locationId" className={input} aria-invalid={err('locationId') ? true : undefined}>
              {props.locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
            {err('locationId') ? <span className="text-red-700">{err('locationId')}</span> : null}
          </label>
        ) : null}
        {props.options.map((o) => (
          <OptionInput key={o.id} option={o} cycle={cycle} error={err(`option_${o.id}`)} />
        ))}
        {props.fields.map((f) => (
          <label key={f.name} className="block text-sm">
            <span className="font-medium">{f.label}</span>
            <input name={`field_${f.name}`} maxLength={253} className={input} aria-invalid={err(`field_${f.name}`) ? true : undefined} aria-describedby={`help-${f.name}`} />
            <span id={`help-${f.name}`} className="text-xs text-slate-500">
              {f.help}
            </span>
            {err(`field_${f.name}`) ? <span className="block text-red-700">{err(`field_${f.name}`)}</span> : null}
          </label>
        ))}
        {state && !state.ok && state.message ? (
          <p role="alert" className="text-sm text-red-700">
            {state.message}
          </p>
        ) : null}
        <button type="submit" disabled={pending} className="rounded bg-[var(--brand)] px-4 py-2 font-medium text-white disabled:opacity-60">
          {pending ? 'Adding…' : 'Add to cart'}
        </button>
      </form>
      <aside aria-live="polite" className="h-fit rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <h2 className="mb-3 font-semibold">Order summary</h2>
        {quoteError ? <p className="text-amber-700">{quoteError}</p> : null}
        {quote ? (
          <dl className="space-y-1" data-testid="order-summary">
            {quote.lines.map((l, i) => (
              <div key={i} className="flex justify-between gap-3">
                <dt>{l.description}</dt>
                <dd className="whitespace-nowrap">{l.amount}</dd>
              </div>
            ))}
            {quote.taxLines.map((t) => (
              <div key={t.label} className="flex justify-between gap-3 text-slate-600">
                <dt>{quote.taxInclusive ? `incl. ${t.label}` : t.label}</dt>
                <dd>{t.amount}</dd>
              </div>
            ))}
            <div className="flex justify-between border-t pt-2 font-semibold">
              <dt>Due today</dt>
              <dd data-testid="quote-total">{quote.total}</dd>
            </div>
          </dl>
        ) : (
          !quoteError && <p className="text-slate-500">Calculating…</p>
        )}
      </aside>
    </div>
  );
}

function OptionInput({ option: o, cycle, error }: { option: ConfiguratorOption; cycle: string; error?: string }) {
  const price = (v: ConfiguratorOption['values'][number]) => v.priceByCycle[cycle] ?? '';
  const invalid = error ? true : undefined;
  if (o.type === 'dropdown') {
    return (
      <label className="block text-sm">
        <span className="font-medium">{o.name}</span>
        <select name={`opt_${o.id}`} className={input} aria-invalid={invalid} defaultValue={o.required ? o.values[0]?.id : ''}>
          {o.required ? null : <option value="">None</option>}
          {o.values.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
              {price(v) ? ` (${price(v)})` : ''}
            </option>
          ))}
        </select>
        {error ? <span className="text-red-700">{error}</span> : null}
      </label>
    );
  }
  if (o.type === 'radio') {
    return (
      <fieldset className="text-sm">
        <legend className="font-medium">{o.name}</legend>
        {o.values.map((v, i) => (
          <label key={v.id} className="mr-4 inline-flex items-center gap-1">
            <input type="radio" name={`opt_${o.id}`} value={v.id} defaultChecked={i === 0} /> {v.label}
            {price(v) ? <span className="text-slate-500"> ({price(v)})</span> : null}
          </label>
        ))}
        {error ? <span className="block text-red-700">{error}</span> : null}
      </fieldset>
    );
  }
  const unit = o.values[0];
  if (o.type === 'yes_no') {
    return (
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name={`yes_${o.id}`} />
        <span className="font-medium">{o.name}</span>
        {unit && price(unit) ? <span className="text-slate-500">({price(unit)})</span> : null}
        {error ? <span className="text-red-700">{error}</span> : null}
      </label>
    );
  }
  return (
    <label className="block text-sm">
      <span className="font-medium">{o.name}</span>
      {unit && price(unit) ? <span className="text-slate-500"> ({price(unit)} each)</span> : null}
      <input type="number" name={`qty_${o.id}`} min={o.min} max={o.max} step={Math.max(o.step, 1)} defaultValue={o.min} className={input} aria-invalid={invalid} />
      {error ? <span className="text-red-700">{error}</span> : null}
    </label>
  );
}
