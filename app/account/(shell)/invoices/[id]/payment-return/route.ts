import { accountAllows, getSignedInCustomer } from '@/lib/auth/request-session';
import { customerActor } from '@/lib/auth/customer-actor';
import { AppError } from '@/lib/errors/app-error';
import { cancelHostedPayment, completeHostedPayment } from '@/lib/payments/complete-hosted-payment';
import { ATTEMPT_ID } from '@/lib/payments/find-invoice-attempt';

export const dynamic = 'force-dynamic';

// Relative Locations: the browser resolves them against the account host it is on, through the host proxy.
function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

/**
 * The gateway sends the customer back here: settle the attempt now (the webhook may be later, or PayPal needs the
 * capture), then show the invoice with the outcome. The invoice page reads the status from our record, so a
 * refused or unknown attempt just lands on the invoice without a settled payment.
 */
export async function GET(req: Request, props: { params: Promise<{ id: string }> }) {
  const signedIn = await getSignedInCustomer();
  if (!signedIn) return seeOther('/sign-in');
  const { id } = await props.params;
  if (!/^inv_[a-z0-9]{1,40}$/.test(id)) return seeOther('/invoices');
  const query = new URL(req.url).searchParams;
  const attemptId = query.get('attempt') ?? '';
  if (!ATTEMPT_ID.test(attemptId)) return seeOther(`/invoices/${id}`);
  const { ctx, account, actor } = await customerActor();
  // The customer left the gateway's page without paying: the attempt ends, unless the gateway already took money.
  if (query.get('cancelled') === '1') {
    await cancelHostedPayment(ctx.db, { customerId: account.id, attemptId, actor }).catch((err: unknown) => {
      if (!(err instanceof AppError)) throw err;
    });
    return seeOther(`/invoices/${id}?cancelled=${attemptId}`);
  }
  // Without billing.pay the webhook still settles it; the person just sees the invoice as it stands.
  if (accountAllows(signedIn, 'billing.pay')) {
    try {
      await completeHostedPayment(ctx.db, { storefront: ctx.storefront, customerId: account.id, attemptId, actor, now: new Date() });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return seeOther(`/invoices/${id}?payment=${attemptId}`);
}
