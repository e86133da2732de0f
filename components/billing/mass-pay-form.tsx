'use client';

import { useState } from 'react';
import { ActionForm, type ActionResult } from '@/components/ui/action-form';
import { formatMoney } from '@/lib/money/format';
import type { PayGateway } from './gateway-pay-buttons';

type Action = (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;

/** An unpaid invoice offered for a mass payment. */
export interface MassPayInvoice {
  publicId: string;
  number: string;
  dueOn: string | null;
  currency: string;
  locale: string;
  minorDigits: number;
  balanceMinor: number;
}

/**
 * Several unpaid invoices, ticked, paid in one go: one gateway payment for their total (a button per gateway) or
 * from account credit. ActionForm has a single submit button, so each way to pay is its own form and carries the
 * ticked invoices as hidden fields; the server takes the amounts from the invoices, never from here.
 */
export function MassPayForm(props: {
  invoices: MassPayInvoice[];
  gateways: PayGateway[];
  gatewayAction: Action;
  /** Offered when the customer has credit in a currency of these invoices. */
  creditAction: Action | null;
  /** Whether the person may save a method on the account (payment_methods.manage). */
  maySave: boolean;
}) {
  const [selected, setSelected] = useState(() => new Set(props.invoices.map((i) => i.publicId)));
  const [save, setSave] = useState(true);
  const chosen = props.invoices.filter((i) => selected.has(i.publicId));
  const totals = new Map<string, { minor: number; locale: string; minorDigits: number }>();
  for (const i of chosen) totals.set(i.currency, { minor: (totals.get(i.currency)?.minor ?? 0) + i.balanceMinor, locale: i.locale, minorDigits: i.minorDigits });
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const hidden = chosen.map((i) => <input key={i.publicId} type="hidden" name="invoice" value={i.publicId} />);
  return (
    <div className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="sr-only">Invoices to pay</legend>
        {props.invoices.map((i) => (
          <label key={i.publicId} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={selected.has(i.publicId)} onChange={(e) => toggle(i.publicId, e.target.checked)} /> {i.number} · due {i.dueOn ?? '–'} ·{' '}
            {formatMoney(i.balanceMinor, i.currency, i.locale, i.minorDigits)}
          </label>
        ))}
      </fieldset>
      <p className="text-sm text-slate-700" data-testid="mass-pay-total">
        {chosen.length
          ? `${chosen.length} selected: ${[...totals].map(([currency, t]) => formatMoney(t.minor, currency, t.locale, t.minorDigits)).join(' + ')}`
          : 'Tick the invoices to pay.'}
      </p>
      {totals.size > 1 && props.gateways.length ? <p className="text-sm text-amber-800">One card or PayPal payment covers invoices of one currency; pay the others separately.</p> : null}
      <div className="flex flex-wrap items-start gap-3">
        {props.gateways.map((g) => (
          <ActionForm key={g.id} action={props.gatewayAction} submitLabel={g.label} className="flex flex-col items-start gap-2">
            {hidden}
            <input type="hidden" name="gateway" value={g.id} />
            <input type="hidden" name="savePaymentMethod" value={props.maySave && save ? 'on' : ''} />
          </ActionForm>
        ))}
        {props.creditAction ? (
          <ActionForm action={props.creditAction} submitLabel="Pay selected from credit" className="flex flex-col items-start gap-2">
            {hidden}
          </ActionForm>
        ) : null}
      </div>
      {props.maySave && props.gateways.length ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} />
          <span>Save this payment method for automatic renewals</span>
        </label>
      ) : null}
    </div>
  );
}
