import Link from 'next/link';
import { Card } from '@/components/ui/area-shell';
import { auditFilterSchema, listAuditEntries, type AuditFilter } from '@/lib/audit/list-audit';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';

const FILTER_FIELDS: { name: keyof AuditFilter; label: string; type?: string }[] = [
  { name: 'actorType', label: 'Actor type' },
  { name: 'actorId', label: 'Actor id' },
  { name: 'action', label: 'Action' },
  { name: 'targetType', label: 'Target type' },
  { name: 'targetId', label: 'Target id' },
  { name: 'from', label: 'From', type: 'date' },
  { name: 'to', label: 'To', type: 'date' },
];

function query(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v !== undefined && k !== 'before') params.set(k, String(v));
  if (extra.before) params.set('before', extra.before);
  return params.toString();
}

function changes(before: unknown, after: unknown): string {
  const show = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  return [before ? `before ${show(before)}` : '', after ? `after ${show(after)}` : ''].filter(Boolean).join(' → ');
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPermission('audit.view');
  if (!access.allowed) return <PermissionDenied permission="audit.view" />;
  const { ctx } = access;
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === 'string'));
  const parsed = auditFilterSchema.safeParse(raw);
  const filter: AuditFilter = parsed.success ? parsed.data : {};
  const { entries, nextBefore } = await listAuditEntries(ctx.db, filter);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <Card title="Filter">
        <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
          {FILTER_FIELDS.map((f) => (
            <label key={f.name}>
              <span className="block font-medium">{f.label}</span>
              <input name={f.name} type={f.type ?? 'text'} defaultValue={raw[f.name] ?? ''} maxLength={100} className="mt-1 w-36 rounded border border-slate-300 px-2 py-1" />
            </label>
          ))}
          <button type="submit" className="rounded bg-[var(--brand)] px-3 py-1.5 font-medium text-white">
            Apply
          </button>
          <a href={`/audit-export?${query(filter)}`} className="px-2 py-1.5 text-[var(--brand)] underline">
            Export CSV
          </a>
        </form>
        {!parsed.success ? <p className="mt-2 text-sm text-red-700">Some filters were invalid and are ignored: {parsed.error.issues[0]?.message}</p> : null}
      </Card>
      <table className="w-full border-collapse bg-white text-sm">
        <thead>
          <tr className="border-b text-left text-slate-500">
            <th className="p-2">Time (UTC)</th>
            <th className="p-2">Actor</th>
            <th className="p-2">Action</th>
            <th className="p-2">Target</th>
            <th className="p-2">Changes</th>
            <th className="p-2">IP</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 ? (
            <tr>
              <td colSpan={6} className="p-4 text-center text-slate-500">
                No entries match.
              </td>
            </tr>
          ) : null}
          {entries.map((e) => (
            <tr key={e.id} className="border-b align-top">
              <td className="whitespace-nowrap p-2">{e.createdAt.toISOString().replace('T', ' ').slice(0, 19)}</td>
              <td className="p-2">
                {e.actorType}
                {e.actorId ? ` #${e.actorId}` : ''} <span className="text-slate-500">{e.actorLabel}</span>
              </td>
              <td className="p-2 font-mono">{e.action}</td>
              <td className="p-2">{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—'}</td>
              <td className="max-w-md break-all p-2 font-mono text-xs">{changes(e.before, e.after)}</td>
              <td className="p-2">{e.ip ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextBefore ? (
        <Link href={`/audit?${query(filter, { before: String(nextBefore) })}`} className="text-[var(--brand)] underline">
          Older entries
        </Link>
      ) : null}
    </div>
  );
}
