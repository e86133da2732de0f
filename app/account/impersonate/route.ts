import { requestMeta, requireArea, setSessionCookie } from '@/lib/auth/request-session';
import { AppError } from '@/lib/errors/app-error';
import { completeImpersonation } from '@/lib/impersonation/impersonation';

export const dynamic = 'force-dynamic';

// The admin panel's hand-off lands here: the session cookie can only be set on the account host itself.
export async function GET(req: Request) {
  const ctx = await requireArea('account');
  const token = new URL(req.url).searchParams.get('token') ?? '';
  try {
    const session = await completeImpersonation(ctx.db, { token, ...(await requestMeta()) });
    await setSessionCookie('customer', session.token, session.expiresAt);
  } catch (err) {
    if (err instanceof AppError) return new Response(err.message, { status: err.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    throw err;
  }
  // A relative Location: the browser asks for / on this host, through the host proxy.
  return new Response(null, { status: 303, headers: { location: '/' } });
}
