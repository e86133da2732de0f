import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { CopyButton } from '@/components/ui/copy-button';
import type { DomainView } from '@/lib/domains/domain-view';
import { getStorefrontDomainOrThrow } from '@/lib/domains/storefront-domains';
import { AppError } from '@/lib/errors/app-error';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../../permission-denied';
import { checkDomainAction, removeDomainAction } from '../actions';
import { DomainStatusBadge, utc } from '../domain-status';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-3 py-1">
      <dt className="w-44 shrink-0 text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function statusLine(d: DomainView): string {
  if (d.status === 'verified') return `Verified ${utc(d.verifiedAt)}: the storefront answers on ${d.hostnames.join(', ')}.`;
  if (d.status === 'failed') return `Checks gave up ${utc(d.failedAt)}. Fix the records below, then check again.`;
  return `Checked automatically until ${utc(d.checkUntil)}; next check ${utc(d.nextCheckAt)}.`;
}

export default async function DomainPage(props: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return <PermissionDenied permission="settings.manage" />;
  const { id } = await props.params;
  // Scoped to the storefront of this host: another storefront's domain id finds nothing.
  const d = await getStorefrontDomainOrThrow(access.ctx.storefront.id, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/settings/domains" className="text-[var(--brand)] underline">
          ← Domains
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">
        <span className="font-mono">{d.domain}</span> <DomainStatusBadge status={d.status} />
      </h1>
      <Card title="Status">
        <dl className="text-sm">
          <Fact label="Status">{statusLine(d)}</Fact>
          <Fact label="Added">{utc(d.createdAt)}</Fact>
          <Fact label="Last check">
            {utc(d.lastCheckedAt)} {d.checks ? <span className="text-slate-500">({d.checks} so far)</span> : null}
          </Fact>
          {d.problems.length ? (
            <Fact label="Last check found">
              <ul className="list-disc pl-4 text-red-800">
                {d.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Fact>
          ) : null}
        </dl>
        <div className="mt-4 flex flex-wrap items-start gap-2">
          {d.status !== 'verified' ? (
            <ActionForm action={checkDomainAction} submitLabel="Check now">
              <input type="hidden" name="domain" value={d.publicId} />
            </ActionForm>
          ) : null}
          <ActionForm action={removeDomainAction} submitLabel="Remove domain" danger>
            <input type="hidden" name="domain" value={d.publicId} />
          </ActionForm>
        </div>
      </Card>
      <Card title="DNS records to create">
        <p className="mb-3 text-sm text-slate-600">
          At the DNS provider of {d.domain}. A provider that allows no CNAME on a bare domain may offer ALIAS or ANAME for it instead. Keep the TXT record: it proves the
          domain is yours.
        </p>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b text-left text-slate-500">
                <th className="py-2 pr-3 font-medium">Type</th>
                <th className="py-2 pr-3 font-medium">Name</th>
                <th className="py-2 font-medium">Value</th>
              </tr>
            </thead>
            <tbody>
              {d.records.map((r) => (
                <tr key={`${r.type}:${r.name}`} className="border-b align-top last:border-0">
                  <td className="py-2 pr-3 font-mono">{r.type}</td>
                  <td className="py-2 pr-3">
                    <span className="font-mono break-all select-all">{r.name}</span> <CopyButton value={r.name} label={`${r.type} name`} />
                  </td>
                  <td className="py-2">
                    <span className="font-mono break-all select-all">{r.value}</span> <CopyButton value={r.value} label={`${r.type} value`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
