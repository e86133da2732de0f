import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { listOutbox, outboxFilterSchema } from '@/lib/admin/list-outbox';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';
import { sendTestEmail } from './actions';

const STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;

export default async function EmailsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The outbox shows who was mailed what: for staff who handle email.
  const access = await requireStaffPermission('emails.send');
  if (!access.allowed) return <PermissionDenied permission="emails.send" />;
  const { ctx } = access;
  const filter = outboxFilterSchema.parse(await searchParams);
  const rows = await listOutbox(ctx.db, filter);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Emails</h1>
      <Card title="Send a test email">
        <ActionForm action={sendTestEmail} submitLabel="Send test email">
          <label className="text-sm">
            <span className="block font-medium">Recipient</span>
            <input name="to" type="email" required maxLength={254} className="mt-1 w-72 rounded border border-slate-300 px-3 py-2" />
          </label>
        </ActionForm>
      </Card>
      <nav aria-label="Filter by status" className="flex gap-3 text-sm">
        <Link href="/emails" className={!filter.status ? 'font-semibold' : 'text-[var(--brand)]'}>
          All
        </Link>
        {STATUSES.map((s) => (
          <Link key={s} href={`/emails?status=${s}`} className={filter.status === s ? 'font-semibold' : 'text-[var(--brand)]'}>
            {s}
          </Link>
        ))}
      </nav>
      <table className="w-full border-collapse bg-white text-sm">
        <thead>
          <tr className="border-b text-left text-slate-500">
            <th className="p-2">To</th>
            <th className="p-2">Template</th>
            <th className="p-2">Subject</th>
            <th className="p-2">Status</th>
            <th className="p-2">Attempts</th>
            <th className="p-2">Queued</th>
            <th className="p-2">Sent</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7} className="p-4 text-center text-slate-500">
                No emails{filter.status ? ` with status ${filter.status}` : ''}.
              </td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.id} className="border-b align-top">
              <td className="p-2">{r.toAddress}</td>
              <td className="p-2 font-mono">{r.template}</td>
              <td className="p-2">{r.subject ?? '—'}</td>
              <td className="p-2">
                {r.status}
                {r.lastError ? <div className="text-xs text-red-700">{r.lastError}</div> : null}
              </td>
              <td className="p-2">{r.attempts}</td>
              <td className="p-2">{r.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</td>
              <td className="p-2">{r.sentAt ? r.sentAt.toISOString().replace('T', ' ').slice(0, 19) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
