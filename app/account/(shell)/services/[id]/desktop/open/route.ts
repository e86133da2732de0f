import { accountAllows, getSignedInCustomer } from '@/lib/auth/request-session';
import { AppError } from '@/lib/errors/app-error';
import { kasmSessionLink } from '@/lib/kasm/get-kasm-desktop-view';

export const dynamic = 'force-dynamic';

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

// "Open workspace" (a new tab): the running session's Kasm link, looked up per click and never put in the page.
export async function GET(_req: Request, props: { params: Promise<{ id: string }> }) {
  const signedIn = await getSignedInCustomer();
  if (!signedIn) return plain(401, 'Sign in to open this desktop.');
  if (!accountAllows(signedIn, 'services.manage')) return plain(403, "You don't have permission to use services on this account.");
  const { id } = await props.params;
  if (!/^svc_[a-z0-9]{1,40}$/.test(id)) return plain(404, 'No such desktop.');
  try {
    const url = await kasmSessionLink(signedIn.ctx.db, { servicePublicId: id, customerId: signedIn.account.id });
    if (!url) return plain(409, 'No session is running; start one on the service page first.');
    return new Response(null, { status: 303, headers: { location: url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return plain(404, 'No such desktop.');
    throw err;
  }
}
