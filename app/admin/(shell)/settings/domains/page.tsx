import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { TextField } from '@/components/ui/form-fields';
import { listStorefrontDomains, storefrontHostnamesOf } from '@/lib/domains/storefront-domains';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { addDomainAction } from './actions';
import { DomainStatusBadge, utc } from './domain-status';

const AREA_LABELS: Record<string, string> = { marketing: 'Storefront', account: 'Customer accounts', admin: 'Admin panel' };

export default async function DomainsPage() {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return <PermissionDenied permission="settings.manage" />;
  const storefrontId = access.ctx.storefront.id;
  const [domains, hostnames] = await Promise.all([listStorefrontDomains(storefrontId), storefrontHostnamesOf(storefrontId)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Domains</h1>
      <p className="text-sm text-slate-600">
        Serve this storefront on your own domain. Add it here, create the DNS records shown at your DNS provider, and it is checked automatically for 72 hours;
        once verified, the storefront, customer accounts and admin panel answer on it, with certificates obtained on the first visit.
      </p>
      <Card title="This storefront answers on">
        <ul className="space-y-1 text-sm">
          {hostnames.map((h) => (
            <li key={h.hostname}>
              <span className="font-mono">{h.hostname}</span> <span className="text-slate-500">({AREA_LABELS[h.area] ?? h.area})</span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title={domains.length ? `${domains.length} custom domain${domains.length === 1 ? '' : 's'}` : 'No custom domains yet'}>
        {domains.length ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left text-slate-500">
                  <th className="py-2 pr-3 font-medium">Domain</th>
                  <th className="py-2 pr-3 font-medium">Status</th>
                  <th className="py-2 pr-3 font-medium">Last check</th>
                  <th className="py-2 font-medium">Problem</th>
                </tr>
              </thead>
              <tbody>
                {domains.map((d) => (
                  <tr key={d.publicId} className="border-b align-top last:border-0">
                    <td className="py-2 pr-3">
                      <Link href={`/settings/domains/${d.publicId}`} className="font-mono text-[var(--brand)] underline">
                        {d.domain}
                      </Link>
                    </td>
                    <td className="py-2 pr-3">
                      <DomainStatusBadge status={d.status} />
                    </td>
                    <td className="py-2 pr-3 whitespace-nowrap">{utc(d.lastCheckedAt)}</td>
                    <td className="py-2 text-slate-600">{d.problems[0] ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-slate-500">Add the first one below.</p>
        )}
      </Card>
      <Card title="Add a domain">
        <ActionForm action={addDomainAction} submitLabel="Add domain">
          <TextField name="domain" label="Domain" placeholder="shop.example.com" maxLength={240} hint="The domain itself; account. and admin. under it come with it." />
        </ActionForm>
      </Card>
    </div>
  );
}
