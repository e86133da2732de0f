import { ActionForm } from '@/components/ui/action-form';
import { formatWhen, SignInHistoryCard } from '@/components/auth/sign-in-history';
import { Card } from '@/components/ui/area-shell';
import { describeDevice, listActiveSessions, listSignInHistory } from '@/lib/auth/list-sessions';
import { requireCustomerInPerson } from '@/lib/auth/request-session';
import { revokeSessionAction, signOutOtherSessionsAction } from './actions';

export default async function SessionsPage() {
  const { ctx, customer, sessionId } = await requireCustomerInPerson();
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
                  IP {s.ip ?? 'unknown'} · signed in {formatWhen(s.createdAt)} · last seen {formatWhen(s.lastSeenAt)}
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
      <SignInHistoryCard history={history} />
    </div>
  );
}
