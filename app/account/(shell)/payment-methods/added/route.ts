import { customerActor } from '@/lib/auth/customer-actor';
import { accountAllows, getSignedInCustomer } from '@/lib/auth/request-session';
import { AppError } from '@/lib/errors/app-error';
import { GatewayUnavailableError } from '@/lib/payments/gateway';
import { completeAddCard } from '@/lib/payments/payment-methods';

export const dynamic = 'force-dynamic';

// Relative Locations: the browser resolves them against the account host it is on, through the host proxy.
function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

/** Back from the gateway's "add a card" page: store the card, then show the list with the outcome. */
export async function GET(req: Request) {
  const signedIn = await getSignedInCustomer();
  if (!signedIn) return seeOther('/sign-in');
  const attemptId = new URL(req.url).searchParams.get('attempt') ?? '';
  if (!/^txn_[a-z0-9]{1,40}$/.test(attemptId) || !accountAllows(signedIn, 'payment_methods.manage')) return seeOther('/payment-methods?added=0');
  const { ctx, account, actor } = await customerActor();
  let saved = false;
  try {
    saved = (await completeAddCard(ctx.db, { storefront: ctx.storefront, customerId: account.id, attemptId, actor })).saved;
  } catch (err) {
    // The gateway being unreachable is not a bug here: the card webhook may still store it, so report "not saved" for now.
    if (!(err instanceof AppError) && !(err instanceof GatewayUnavailableError)) throw err;
  }
  return seeOther(`/payment-methods?added=${saved ? 1 : 0}`);
}
