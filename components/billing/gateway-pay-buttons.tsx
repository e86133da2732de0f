'use client';

import { useState } from 'react';
import { ActionForm, type ActionResult } from '@/components/ui/action-form';

/** A gateway offered on the invoice and its button's label, from the registry (this is a client component). */
export interface PayGateway {
  id: string;
  label: string;
}

/**
 * One button per gateway sharing one "save this method" tick box: each button is its own form (ActionForm has a
 * single submit button), so the box's state goes into each as a hidden field.
 */
export function GatewayPayButtons(props: {
  action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  invoicePublicId: string;
  gateways: PayGateway[];
  /** Whether the person may save a method on the account (payment_methods.manage). */
  maySave: boolean;
}) {
  const [save, setSave] = useState(true);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start gap-3">
        {props.gateways.map((g) => (
          <ActionForm key={g.id} action={props.action} submitLabel={g.label} className="flex flex-col items-start gap-2">
            <input type="hidden" name="invoiceId" value={props.invoicePublicId} />
            <input type="hidden" name="gateway" value={g.id} />
            <input type="hidden" name="savePaymentMethod" value={props.maySave && save ? 'on' : ''} />
          </ActionForm>
        ))}
      </div>
      {props.maySave ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} />
          <span>Save this payment method for automatic renewals</span>
        </label>
      ) : null}
    </div>
  );
}
