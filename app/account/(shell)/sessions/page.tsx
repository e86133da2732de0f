import { ActionForm } from '@/components/ui/action-form';
import { ActiveSessionsList } from '@/components/auth/active-sessions';
import { SignInHistoryCard } from '@/components/auth/sign-in-history';
import { Card } from '@/components/ui/area-shell';
import { listActiveSessions, listSignInHistory } from '@/lib/auth/list-sessions';
import { requireCustomerInPerson } from '@/lib/auth/request-session';
import { revokeSessionAction, signOutOtherSessionsAction } from './actions';

export default async function SessionsPage() {
  const { ctx, customer, sessionId } = await requireCustomerInPerson();
  const [active, history] = await Promise.all([listActiveSessions(ctx.db, 'customer', customer.id), listSignInHistory(ctx.db, 'customer', customer.id)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Sessions</h1>
      <Card title="Where you are signed in">
        <ActiveSessionsList sessions={active} currentSessionId={sessionId} revoke={revokeSessionAction} />
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
