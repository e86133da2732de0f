import Link from 'next/link';
import { ActionForm, Field } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { customerSearchSchema, listCustomers } from '@/lib/admin/list-customers';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';
import { signInAsCustomerAction } from './actions';

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPermission('customers.view');
  if (!access.allowed) return <PermissionDenied permission="customers.view" />;
  const { q } = customerSearchSchema.parse(await searchParams);
  const rows = await listCustomers(access.ctx.db, q);
  const mayImpersonate = access.permissions.includes('customers.impersonate');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Customers</h1>
      <form method="get" className="flex gap-3 text-sm">
        <input name="q" defaultValue={q ?? ''} maxLength={100} placeholder="Email, name or cus_ id" aria-label="Search customers" className="w-72 rounded border border-slate-300 px-3 py-2" />
        <button type="submit" className="rounded bg-[var(--brand)] px-3 py-2 font-medium text-white">
          Search
        </button>
      </form>
      <Card title={`${rows.length} customer(s)${rows.length === 100 ? ' (newest 100)' : ''}`}>
        <ul className="divide-y">
          {rows.map((c) => (
            <li key={c.id} className="py-3 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-3">
                <div>
                  <div className="font-medium">
                    <Link href={`/customers/${c.id}`} className="text-[var(--brand)] underline">
                      {c.name}
                    </Link>{' '}
                    <span className="font-mono text-slate-500">{c.publicId}</span>
                  </div>
                  <div className="text-slate-500">
                    {c.email} · {c.country} · {c.status} · since {c.createdAt.toISOString().slice(0, 10)}
                  </div>
                </div>
              </div>
              {mayImpersonate && c.status === 'active' ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-[var(--brand)]">Sign in as {c.name}</summary>
                  <ActionForm action={signInAsCustomerAction} submitLabel="Sign in as customer" className="mt-2 flex flex-wrap items-end gap-3">
                    <input type="hidden" name="customerId" value={c.id} />
                    <Field name="reason" label="Reason (recorded in the audit log)" maxLength={500} className="block w-96 text-sm" />
                  </ActionForm>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
