import { ActionForm, type ActionResult } from '@/components/ui/action-form';
import { describeDevice, type listActiveSessions } from '@/lib/auth/list-sessions';
import { formatWhen } from './sign-in-history';

/**
 * A person's live sessions, each with a sign-out button bound to `revoke` (the current one has none).
 * `hidden` adds fields the action needs besides sessionId, e.g. which staff member the list belongs to.
 */
export function ActiveSessionsList(props: {
  sessions: Awaited<ReturnType<typeof listActiveSessions>>;
  currentSessionId: number;
  revoke: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  hidden?: Record<string, string | number>;
}) {
  if (props.sessions.length === 0) return <p className="text-sm text-slate-600">Not signed in anywhere.</p>;
  return (
    <ul className="divide-y">
      {props.sessions.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
          <div>
            <div className="font-medium">
              {describeDevice(s.userAgent)} {s.id === props.currentSessionId ? <span className="text-green-700">(this session)</span> : null}
            </div>
            <div className="text-slate-500">
              IP {s.ip ?? 'unknown'} · signed in {formatWhen(s.createdAt)} · last seen {formatWhen(s.lastSeenAt)}
            </div>
          </div>
          {s.id !== props.currentSessionId ? (
            <ActionForm action={props.revoke} submitLabel="Sign out">
              {Object.entries(props.hidden ?? {}).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <input type="hidden" name="sessionId" value={s.id} />
            </ActionForm>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
