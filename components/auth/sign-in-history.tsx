import { Card } from '@/components/ui/area-shell';
import { describeDevice, type listSignInHistory } from '@/lib/auth/list-sessions';

export const formatWhen = (d: Date) => `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

const OUTCOME: Record<string, string> = {
  'auth.signed_in': 'Signed in',
  'auth.sign_in_failed': 'Failed sign-in',
  'auth.mfa_failed': 'Wrong two-factor code',
};

/** Sign-in successes and failures of one person, for their own sessions page and the staff detail page. */
export function SignInHistoryCard({ history }: { history: Awaited<ReturnType<typeof listSignInHistory>> }) {
  return (
    <Card title="Sign-in history">
      {history.length === 0 ? <p className="text-sm text-slate-600">No sign-ins recorded yet.</p> : null}
      <table className="w-full text-sm">
        <tbody>
          {history.map((h) => (
            <tr key={h.id} className="border-t">
              <td className="py-2">{formatWhen(h.createdAt)}</td>
              <td className={h.action === 'auth.signed_in' ? 'text-green-700' : 'text-red-700'}>{OUTCOME[h.action] ?? h.action}</td>
              <td>{describeDevice(h.userAgent)}</td>
              <td className="text-slate-500">IP {h.ip ?? 'unknown'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
