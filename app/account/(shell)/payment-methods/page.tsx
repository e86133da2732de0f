import { PaymentNotice } from '@/components/billing/payment-notice';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { accountAllows, requireAccountPermission } from '@/lib/auth/request-session';
import { describeMethod, listPaymentMethods } from '@/lib/payments/payment-methods';
import { ADD_METHOD_GATEWAYS, GATEWAY_PAYMENT_NAMES, type GatewayId } from '@/lib/payments/registry';
import { availableGateways } from '@/lib/payments/resolve-gateway';
import { addCardAction, makeDefaultMethodAction, removeMethodAction } from './actions';

export default async function PaymentMethodsPage(props: { searchParams: Promise<{ added?: string | string[] }> }) {
  const signedIn = await requireAccountPermission('billing.view');
  const { ctx, account } = signedIn;
  const mayManage = accountAllows(signedIn, 'payment_methods.manage');
  const [methods, gateways] = await Promise.all([listPaymentMethods(ctx.db, account.id), mayManage ? availableGateways(ctx.db, ctx.storefront) : ([] as GatewayId[])]);
  const { added } = await props.searchParams;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Payment methods</h1>
      {added === '1' ? <PaymentNotice tone="ok" text="Card saved. You can now pick it for renewals." /> : null}
      {added === '0' ? <PaymentNotice tone="error" text="The card was not saved. Nothing was charged; please try again." /> : null}
      <Card title="Saved for renewals">
        {methods.length ? (
          <ul className="divide-y text-sm" data-testid="payment-methods">
            {methods.map((m) => (
              <li key={m.publicId} className="flex flex-wrap items-center gap-3 py-3">
                <span className="font-medium">{describeMethod(m)}</span>
                {m.isDefault ? <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">Default</span> : null}
                {mayManage ? (
                  <span className="ml-auto flex flex-wrap items-center gap-2">
                    {m.isDefault ? null : (
                      <ActionForm action={makeDefaultMethodAction} submitLabel="Make default">
                        <input type="hidden" name="methodId" value={m.publicId} />
                      </ActionForm>
                    )}
                    <ActionForm action={removeMethodAction} submitLabel="Remove" danger>
                      <input type="hidden" name="methodId" value={m.publicId} />
                    </ActionForm>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{`No saved payment methods. Tick “Save this payment method” when paying an invoice by ${GATEWAY_PAYMENT_NAMES.any}, or add a card here.`}</p>
        )}
        <p className="mt-3 text-xs text-slate-500">Renewal invoices are charged to the default method unless a service has its own choice (on the Services page).</p>
      </Card>
      {mayManage && ADD_METHOD_GATEWAYS.some((id) => gateways.includes(id)) ? (
        <Card title="Add a card">
          <ActionForm action={addCardAction} submitLabel="Add a card">
            <p className="w-full text-sm text-slate-600">You enter the card on our payment provider’s page; nothing is charged now.</p>
          </ActionForm>
        </Card>
      ) : null}
    </div>
  );
}
