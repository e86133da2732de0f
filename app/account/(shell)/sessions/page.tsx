import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { describeDevice, listActiveSessions, listSignInHistory } from '@/lib/auth/list-sessions';
import { requireCustomer } from '@/lib/auth/request-session';
import { revokeSessionAction, signOutOtherSessionsAction } from './actions';

const when = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

const OUTCOME: Record<string, string> = {
  'auth.signed_in': 'Signed in',
  'auth.sign_in_failed': 'Wrong password',
  'auth.mfa_failed': 'Wrong two-factor code',
};

export default async function SessionsPage() {
  const { ctx, customer, sessionId } = await requireCustomer();
  const [active, history] = await Promise.all([listActiveSessions(ctx.db, 'customer', customer.id), listSignInHistory(ctx.db, 'customer', customer.id)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Sessions</h1>
      <Card title="Where you are signed in">
        <ul className="divide-y">
          {active.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
              <div>
                <div className="font-medium">
                  {describeDevice(s.userAgent)} {s.id === sessionId ? <span className="text-green-700">(this session)</span> : null}
                </div>
                <div className="text-slate-500">
                  IP {s.ip ?? 'unknown'} · signed in {when(s.createdAt)} · last seen {when(s.lastSeenAt)}
                </div>
              </div>
              {s.id !== sessionId ? (
                <ActionForm action={revokeSessionAction} submitLabel="Sign out">
                  <input type="hidden" name="sessionId" value={s.id} />
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
        {active.length > 1 ? (
          <div className="mt-4">
            <ActionForm action={signOutOtherSessionsAction} submitLabel="Sign out everywhere else" />
          </div>
        ) : null}
      </Card>
      <Card title="Sign-in history">
        {history.length === 0 ? <p className="text-sm text-slate-600">No sign-ins recorded yet.</p> : null}
        <table className="w-full text-sm">
          <tbody>
            {history.map((h) => (
              <tr key={h.id} className="border-t">
                <td className="py-2">{when(h.createdAt)}</td>
                <td className={h.action === 'auth.signed_in' ? 'text-green-700' : 'text-red-700'}>{OUTCOME[h.action] ?? h.action}</td>
                <td>{describeDevice(h.userAgent)}</td>
                <td className="text-slate-500">IP {h.ip ?? 'unknown'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
