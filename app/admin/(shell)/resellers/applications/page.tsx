import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { SelectField, TextField } from '@/components/ui/form-fields';
import { listResellerApplications } from '@/lib/resellers/applications/list-reseller-applications';
import { listResellerPrograms } from '@/lib/resellers/programs/list-reseller-programs';
import { requirePlatformStaff } from '@/lib/resellers/require-platform-staff';
import { suggestSlug } from '@/lib/resellers/suggest-slug';
import { PermissionDenied } from '../../permission-denied';
import { approveApplicationAction, rejectApplicationAction } from '../actions';
import { ResellerNav } from '../reseller-nav';

const when = (d: Date | null) => (d ? `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC` : '—');

export default async function ResellerApplicationsPage() {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return <PermissionDenied permission="resellers.manage" />;
  const [apps, programs] = await Promise.all([listResellerApplications(platform.central), listResellerPrograms(platform.central)]);
  const programOptions = programs.filter((p) => p.program.active).map((p) => ({ value: p.program.slug, label: p.program.name }));
  const pending = apps.filter((a) => a.application.status === 'pending');
  const reviewed = apps.filter((a) => a.application.status !== 'pending');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Reseller applications</h1>
      <ResellerNav current="/resellers/applications" />
      <Card title={`${pending.length} waiting for review`}>
        {pending.length === 0 ? (
          <p className="text-sm text-slate-500">No applications waiting. They arrive from the “Become a reseller” page of the marketing site.</p>
        ) : (
          <ul className="divide-y">
            {pending.map(({ application: a }) => (
              <li key={a.id} className="space-y-3 py-4">
                <div>
                  <p className="font-medium">
                    {a.company} · {a.name} &lt;{a.email}&gt;
                  </p>
                  <p className="text-xs text-slate-500">
                    {when(a.createdAt)}
                    {a.website ? (
                      <>
                        {' '}
                        ·{' '}
                        <a href={a.website} rel="noopener noreferrer nofollow" target="_blank" className="text-[var(--brand)] underline">
                          {a.website}
                        </a>
                      </>
                    ) : null}
                  </p>
                  <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{a.message}</p>
                </div>
                <div className="flex flex-wrap items-end gap-6">
                  {programOptions.length ? (
                    <ActionForm action={approveApplicationAction} submitLabel="Approve and create" className="flex flex-wrap items-end gap-3">
                      <input type="hidden" name="applicationId" value={a.publicId} />
                      <TextField name="slug" label="Slug" defaultValue={suggestSlug(a.company)} maxLength={40} className="block w-56 text-sm" />
                      <SelectField name="program" label="Program" options={programOptions} className="block w-48 text-sm" />
                    </ActionForm>
                  ) : (
                    <p className="text-sm text-slate-700">
                      <Link href="/resellers/programs" className="text-[var(--brand)] underline">
                        Create an active program
                      </Link>{' '}
                      to approve applications.
                    </p>
                  )}
                  <ActionForm action={rejectApplicationAction} submitLabel="Reject" danger className="flex flex-wrap items-end gap-3">
                    <input type="hidden" name="applicationId" value={a.publicId} />
                    <TextField name="note" label="Note (optional, for staff)" maxLength={500} className="block w-64 text-sm" />
                  </ActionForm>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Reviewed">
        {reviewed.length === 0 ? (
          <p className="text-sm text-slate-500">None yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-2 pr-4 font-medium">Applicant</th>
                <th className="py-2 pr-4 font-medium">Decision</th>
                <th className="py-2 pr-4 font-medium">By</th>
                <th className="py-2 pr-4 font-medium">Reseller</th>
              </tr>
            </thead>
            <tbody className="divide-y">
              {reviewed.map(({ application: a, resellerPublicId }) => (
                <tr key={a.id} className="align-top">
                  <td className="py-2 pr-4">
                    {a.company} · {a.email}
                  </td>
                  <td className="py-2 pr-4">
                    {a.status}
                    {a.reviewNote ? <div className="text-xs text-slate-600">{a.reviewNote}</div> : null}
                  </td>
                  <td className="py-2 pr-4">
                    {a.reviewedBy} · {when(a.reviewedAt)}
                  </td>
                  <td className="py-2 pr-4">
                    {resellerPublicId ? (
                      <Link href={`/resellers/${resellerPublicId}`} className="text-[var(--brand)] underline">
                        {resellerPublicId}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
