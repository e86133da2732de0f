import { accountAllows, getSignedInCustomer } from '@/lib/auth/request-session';
import { AppError } from '@/lib/errors/app-error';
import { getKasmDesktopView } from '@/lib/kasm/get-kasm-desktop-view';
import { refreshStartingSession } from '@/lib/kasm/refresh-starting-session';

export const dynamic = 'force-dynamic';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

// What the desktop card polls every few seconds: the running session's time and cost, this month, the history.
// The storefront is the request's own (ctx.db) and the service must be the signed-in account's: else 404.
export async function GET(_req: Request, props: { params: Promise<{ id: string }> }) {
  const signedIn = await getSignedInCustomer();
  if (!signedIn) return json(401, { error: 'Sign in to see this desktop.' });
  if (!accountAllows(signedIn, 'services.view')) return json(403, { error: "You don't have permission to view services on this account." });
  const { id } = await props.params;
  if (!/^svc_[a-z0-9]{1,40}$/.test(id)) return json(404, { error: 'No such desktop.' });
  try {
    const scope = { servicePublicId: id, customerId: signedIn.account.id };
    await refreshStartingSession(signedIn.ctx.db, scope);
    return json(200, await getKasmDesktopView(signedIn.ctx.db, scope));
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return json(404, { error: 'No such desktop.' });
    throw err;
  }
}
