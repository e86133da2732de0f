import { Card } from '@/components/ui/area-shell';
import { checkHealth } from '@/lib/health/check-health';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { JOB_STATES, queueReportsFor, STOREFRONT_SCAN_LIMIT, type QueueReport } from '@/jobs/queue-report';
import { PermissionDenied } from '../permission-denied';

export default async function SystemPage() {
  const access = await requireStaffPermission('system.view');
  if (!access.allowed) return <PermissionDenied permission="system.view" />;
  const { storefront } = access.ctx;
  const health = await checkHealth();
  let queues: QueueReport[] | null = null;
  // A reseller's staff see their own storefront's jobs only; the platform's figures are the operator's.
  if (health.redis === 'up') queues = await queueReportsFor(storefront).catch(() => null);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">System</h1>
      <Card title="Health">
        <dl className="grid grid-cols-4 gap-2 text-sm">
          <dt className="text-slate-500">Database</dt>
          <dd className={health.db === 'up' ? 'text-green-700' : 'text-red-700'}>{health.db}</dd>
          <dt className="text-slate-500">Redis</dt>
          <dd className={health.redis === 'up' ? 'text-green-700' : 'text-red-700'}>{health.redis}</dd>
          <dt className="text-slate-500">Version</dt>
          <dd>{health.version}</dd>
        </dl>
      </Card>
      <Card title="Queues">
        {storefront.kind === 'retail' ? null : (
          <p className="mb-2 text-sm text-slate-600">Jobs of this storefront only, counted among the newest {STOREFRONT_SCAN_LIMIT.toLocaleString('en')} in each state.</p>
        )}
        {queues === null ? (
          <p className="text-sm text-red-700">Queue figures are unavailable while Redis is down.</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="p-1">Queue</th>
                {JOB_STATES.map((s) => (
                  <th key={s} className="p-1 text-right">
                    {s}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {queues.map((q) => (
                <tr key={q.queue} className="border-t">
                  <td className="p-1 font-mono">{q.queue}</td>
                  {JOB_STATES.map((s) => (
                    <td key={s} className="p-1 text-right">
                      {q.counts[s]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {queues ? (
        <Card title="Running now">
          {queues.some((q) => q.running.length) ? (
            <ul className="space-y-2 text-sm">
              {queues.flatMap((q) =>
                q.running.map((j) => (
                  <li key={`${q.queue}/${j.id}`} className="flex flex-wrap items-center gap-3">
                    <span className="font-mono">{j.name}</span>
                    <span className="text-slate-500">
                      {q.queue} · {j.id}
                      {j.startedAt ? ` · since ${j.startedAt.replace('T', ' ').slice(0, 19)} UTC` : ''}
                    </span>
                    {/* Jobs that report progress (job.updateProgress), e.g. a reseller's storefront being built. */}
                    {j.percent !== null ? (
                      <span className="flex items-center gap-2">
                        <progress value={j.percent} max={100} aria-label={`${j.name} progress`} className="h-2 w-32" />
                        {j.percent} %
                      </span>
                    ) : null}
                  </li>
                )),
              )}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No job is running.</p>
          )}
        </Card>
      ) : null}
      {storefront.kind === 'retail' ? (
        <Card title="Recurring schedules">
          {queues && queues.some((q) => q.schedulers.length) ? (
            <ul className="space-y-1 text-sm">
              {queues.flatMap((q) =>
                q.schedulers.map((s) => (
                  <li key={`${q.queue}/${s.id}`}>
                    <span className="font-mono">{s.id}</span> on {q.queue}: {s.pattern ? `cron ${s.pattern} ${s.tz ?? 'UTC'}` : `every ${(s.every ?? 0) / 1000}s`}, next{' '}
                    {s.next ?? '—'}
                  </li>
                )),
              )}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No schedules registered yet: a worker registers them when it starts.</p>
          )}
        </Card>
      ) : null}
    </div>
  );
}
