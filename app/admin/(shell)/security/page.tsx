import { ActiveSessionsList } from '@/components/auth/active-sessions';
import { ConfirmIdentityForm } from '@/components/auth/confirm-identity-form';
import { SignInHistoryCard } from '@/components/auth/sign-in-history';
import { RegenerateCodesForm } from '@/components/mfa/regenerate-codes-form';
import { PasskeyManager } from '@/components/passkeys/passkey-manager';
import { Card } from '@/components/ui/area-shell';
import { listActiveSessions, listSignInHistory } from '@/lib/auth/list-sessions';
import { hasRecentAuthentication } from '@/lib/auth/recent-authentication';
import { requireStaff } from '@/lib/auth/request-session';
import { getMfaStatus } from '@/lib/mfa/get-mfa-status';
import { listPasskeys, toPasskeyItems } from '@/lib/passkeys/manage-passkeys';
import { finishStaffPasskeyRegistration, removeStaffPasskey, renameStaffPasskey, staffPasskeyRegistrationOptions } from '../../passkeys/actions';
import { confirmStaffIdentity } from '../../enrol-two-factor/actions';
import { regenerateStaffRecoveryCodes, revokeOwnStaffSessionAction } from './actions';

// Every staff member's own security: their second factors and where they are signed in.
export default async function StaffSecurityPage() {
  const { ctx, staff, sessionId } = await requireStaff();
  const me = { type: 'staff' as const, id: staff.id };
  const [status, keys, active, history, recent] = await Promise.all([
    getMfaStatus(ctx.db, me),
    listPasskeys(ctx.db, me),
    listActiveSessions(ctx.db, 'staff', staff.id),
    listSignInHistory(ctx.db, 'staff', staff.id),
    // Adding a passkey wants a factor proven in the last 10 minutes.
    hasRecentAuthentication(ctx.db, { sessionId, principal: me }),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Your security</h1>
      <Card title="Authenticator app">
        {status.totpEnabled ? (
          <div className="space-y-3 text-sm">
            <p className="text-green-700">On since {status.enabledAt!.toISOString().slice(0, 10)}.</p>
            <p>{status.recoveryCodesLeft} of 10 recovery codes left. New codes replace all earlier ones.</p>
            <RegenerateCodesForm action={regenerateStaffRecoveryCodes} />
          </div>
        ) : (
          <p className="text-sm text-slate-700">Not set up: you sign in with a passkey.</p>
        )}
      </Card>
      <Card title="Passkeys">
        <PasskeyManager
          passkeys={toPasskeyItems(keys)}
          start={staffPasskeyRegistrationOptions}
          finish={finishStaffPasskeyRegistration}
          rename={renameStaffPasskey}
          remove={removeStaffPasskey}
          addGate={recent ? undefined : <ConfirmIdentityForm action={confirmStaffIdentity} withCode={status.totpEnabled} purpose="add a passkey" />}
        />
      </Card>
      <Card title="Where you are signed in">
        <ActiveSessionsList sessions={active} currentSessionId={sessionId} revoke={revokeOwnStaffSessionAction} />
      </Card>
      <SignInHistoryCard history={history} />
    </div>
  );
}
