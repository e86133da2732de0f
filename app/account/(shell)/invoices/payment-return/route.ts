import { accountAllows, getSignedInCustomer } from '@/lib/auth/request-session';
import { customerActor } from '@/lib/auth/customer-actor';
import { AppError } from '@/lib/errors/app-error';
import { cancelHostedPayment, completeHostedPayment } from '@/lib/payments/complete-hosted-payment';
import { ATTEMPT_ID } from '@/lib/payments/find-invoice-attempt';

export const dynamic = 'force-dynamic';

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

/**
 * The gateway sends the customer back here from a payment of several invoices: settle it now (the webhook may be
 * later, or PayPal needs the capture), then show the invoice list, where each invoice shows what came of it.
 */
export async function GET(req: Request) {
  const signedIn = await getSignedInCustomer();
  if (!signedIn) return seeOther('/sign-in');
  const query = new URL(req.url).searchParams;
  const attemptId = query.get('attempt') ?? '';
  if (!ATTEMPT_ID.test(attemptId)) return seeOther('/invoices');
  const { ctx, account, actor } = await customerActor();
  if (query.get('cancelled') === '1') {
    await cancelHostedPayment(ctx.db, { customerId: account.id, attemptId, actor }).catch((err: unknown) => {
      if (!(err instanceof AppError)) throw err;
    });
    return seeOther(`/invoices?cancelled=${attemptId}`);
  }
  // Without billing.pay the webhook still settles it; the person just sees the invoices as they stand.
  if (accountAllows(signedIn, 'billing.pay')) {
    try {
      await completeHostedPayment(ctx.db, { storefront: ctx.storefront, customerId: account.id, attemptId, actor, now: new Date() });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return seeOther(`/invoices?payment=${attemptId}`);
}
