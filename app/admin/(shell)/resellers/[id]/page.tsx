import Link from 'next/link';
import { notFound } from 'next/navigation';
import { SetupRefresher } from '@/components/account/setup-refresher';
import { ResellerProgress, ResellerStatusBadge } from '@/components/admin/reseller-progress';
import { Card } from '@/components/ui/area-shell';
import { publicUrl } from '@/lib/config/env';
import { findResellerView } from '@/lib/resellers/list-resellers';
import { getOwnerInvitation } from '@/lib/resellers/owner-invitation';
import { PIPELINE_STEP_LABELS } from '@/lib/resellers/pipeline-summary';
import { requirePlatformStaff } from '@/lib/resellers/require-platform-staff';
import { PermissionDenied } from '../../permission-denied';
import { ActionForm } from '@/components/ui/action-form';
import { resendOwnerInviteAction } from '../actions';
import { RetryControl } from '../retry-control';

const when = (d: Date | null) => (d ? `${d.toISOString().replace('T', ' ').slice(0, 19)} UTC` : '—');

export default async function ResellerPage(props: { params: Promise<{ id: string }> }) {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return <PermissionDenied permission="resellers.manage" />;
  const { id } = await props.params;
  const view = await findResellerView(platform.central, id);
  if (!view) notFound();
  const { reseller, storefront, program, steps, pipeline } = view;
  const live = storefront.status === 'active';
  const invitation = await getOwnerInvitation(platform.central, reseller);
  return (
    <div className="space-y-6">
      {reseller.status === 'provisioning' && !view.stalled ? <SetupRefresher everyMs={2000} /> : null}
      <Link href="/resellers" className="text-sm text-[var(--brand)] underline">
        All resellers
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{storefront.name}</h1>
        <ResellerStatusBadge status={reseller.status} />
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Reseller">
          <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
            <dt className="text-slate-500">Id</dt>
            <dd className="font-mono">{reseller.publicId}</dd>
            <dt className="text-slate-500">Owner</dt>
            <dd>
              {reseller.ownerName ? `${reseller.ownerName} · ` : ''}
              {reseller.ownerEmail}
            </dd>
            <dt className="text-slate-500">Owner account</dt>
            <dd>
              {invitation.state === 'joined'
                ? 'joined'
                : invitation.state === 'invited'
                  ? `invited, the link works until ${when(invitation.expiresAt)}`
                  : invitation.state === 'expired'
                    ? `invitation expired ${when(invitation.expiresAt)}`
                    : 'not invited yet'}
              {invitation.state === 'invited' || invitation.state === 'expired' ? (
                <ActionForm action={resendOwnerInviteAction} submitLabel="Send a new invitation" className="mt-2">
                  <input type="hidden" name="reseller" value={reseller.publicId} />
                </ActionForm>
              ) : null}
            </dd>
            <dt className="text-slate-500">Program</dt>
            <dd>{program.name}</dd>
            <dt className="text-slate-500">Created</dt>
            <dd>
              {when(reseller.createdAt)} by {reseller.createdBy}
            </dd>
            <dt className="text-slate-500">Live since</dt>
            <dd>{when(reseller.activatedAt)}</dd>
            {reseller.suspensionReason ? (
              <>
                <dt className="text-slate-500">Suspended</dt>
                <dd>
                  {when(reseller.suspendedAt)}: {reseller.suspensionReason}
                </dd>
              </>
            ) : null}
          </dl>
        </Card>
        <Card title="Storefront">
          <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
            <dt className="text-slate-500">Slug</dt>
            <dd className="font-mono">{storefront.slug}</dd>
            <dt className="text-slate-500">Database</dt>
            <dd className="font-mono">{storefront.dbName}</dd>
            <dt className="text-slate-500">Status</dt>
            <dd>{storefront.status === 'provisioning' ? 'not live yet (its hosts answer 404)' : storefront.status}</dd>
            {view.hostnames.map((h) => (
              <div key={h.hostname} className="contents">
                <dt className="text-slate-500">{h.area}</dt>
                <dd className="font-mono">
                  {live ? (
                    <a href={publicUrl(h.hostname)} className="text-[var(--brand)] underline">
                      {h.hostname}
                    </a>
                  ) : (
                    h.hostname
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
      <Card title="Storefront creation">
        <div className="mb-4 flex flex-wrap items-center gap-4">
          <ResellerProgress status={reseller.status} pipeline={pipeline} />
          <RetryControl view={view} />
        </div>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-2 pr-4 font-medium">Step</th>
              <th className="py-2 pr-4 font-medium">Status</th>
              <th className="py-2 pr-4 font-medium">Tries</th>
              <th className="py-2 pr-4 font-medium">Started</th>
              <th className="py-2 pr-4 font-medium">Finished</th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {steps.map((s) => (
              <tr key={s.step} className="align-top">
                <td className="py-2 pr-4">{PIPELINE_STEP_LABELS[s.step]}</td>
                <td className="py-2 pr-4">
                  <span className={s.status === 'failed' ? 'font-medium text-red-700' : s.status === 'done' ? 'text-green-700' : ''}>{s.status}</span>
                  {s.status === 'failed' && s.error ? (
                    <p role="alert" className="max-w-lg text-xs text-red-700">
                      {s.error}
                    </p>
                  ) : null}
                </td>
                <td className="py-2 pr-4">{s.attempts}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{when(s.startedAt)}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{when(s.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
