import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { InvoiceTable } from '@/components/billing/invoice-table';
import { ServiceTable } from '@/components/billing/service-table';
import { StaffServiceActions } from './service-actions';
import { Card } from '@/components/ui/area-shell';
import { listServices } from '@/lib/billing/list-services';
import { listInvoices } from '@/lib/invoices/get-invoice';
import { listCreditBalances } from '@/lib/credit/credit-balance';
import { requestCurrencyBook } from '@/lib/money/request-currency-book';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { ActionForm } from '@/components/ui/action-form';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form-fields';
import { PermissionDenied } from '../../permission-denied';
import { adjustCreditAction, createDraftInvoiceAction, setTaxExemptAction } from './actions';
import { CREDIT_KIND_LABELS, listCreditLedger } from '@/lib/credit/list-credit-ledger';
import { listCreditCurrencies } from '@/lib/credit/list-credit-currencies';
import { getCustomerSummary } from '@/lib/customers/get-customer-summary';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';
import { VatStandingCard } from './vat-standing-card';


export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPermission('customers.view');
  if (!access.allowed) return <PermissionDenied permission="customers.view" />;
  const id = z.coerce.number().int().positive().safeParse((await params).id);
  const customer = id.success ? await getCustomerSummary(access.ctx.db, { customerId: id.data }) : null;
  if (!customer) notFound();
  const db = access.ctx.db;
  const mayViewBilling = access.permissions.includes('billing.view');
  const mayViewServices = access.permissions.includes('services.view');
  const mayManageServices = access.permissions.includes('services.manage');
  const [commerce, balances, ledger, serviceRows, invoiceRows] = await Promise.all([
    getCommerceSettings(db),
    listCreditBalances(db, customer.id),
    listCreditLedger(db, customer.id, 50),
    mayViewServices ? listServices(db, { customerId: customer.id }) : Promise.resolve([]),
    mayViewBilling ? listInvoices(db, { customerId: customer.id, limit: 50 }) : Promise.resolve([]),
  ]);
  const currencyRows = await listCreditCurrencies(db, { held: [...balances.map((b) => b.currency), ...ledger.map((l) => l.currency)] });
  const currencies = await requestCurrencyBook();
  const money = (minor: number, code: string) => currencies.format(minor, code);
  const mayManage = access.permissions.includes('customers.manage');
  const mayAdjust = access.permissions.includes('billing.manage');
  const facts: [string, string][] = [
    ['Email', customer.email],
    ['Customer id', customer.publicId],
    ['Country', customer.region ? `${customer.country} / ${customer.region}` : customer.country],
    ['Company', customer.company ?? '—'],
    ['Tax id', customer.taxId ?? '—'],
    ['Currency', customer.currency],
    ['Status', customer.status],
    ['Created', `${customer.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`],
    ['Tax exempt', customer.taxExempt ? 'Yes' : 'No'],
  ];
  return (
    <div className="space-y-6">
      <Link href="/customers" className="text-sm text-[var(--brand)] underline">
        All customers
      </Link>
      <h1 className="text-2xl font-semibold">{customer.name}</h1>
      <Card title="Customer">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {facts.map(([label, value]) => (
            <div key={label} className="flex gap-2">
              <dt className="w-28 shrink-0 text-slate-500">{label}</dt>
              <dd className={label === 'Customer id' ? 'font-mono' : undefined}>{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <VatStandingCard customer={customer} commerce={commerce} mayManage={mayManage} />
      {mayViewServices ? (
        <Card title={`Services (${serviceRows.length})`}>
          {serviceRows.length ? <ServiceTable rows={serviceRows} actions={(row) => (
                <div className="flex flex-wrap items-start gap-4 text-sm">
                  <Link href={`/services/${row.publicId}`} className="text-[var(--brand)] underline">
                    Service page
                  </Link>
                  {mayManageServices ? <StaffServiceActions row={row} /> : null}
                </div>
              )} /> : <p className="text-sm text-slate-500">No services.</p>}
        </Card>
      ) : null}
      {mayViewBilling ? (
        <Card title={`Invoices${invoiceRows.length === 50 ? ' (latest 50)' : ` (${invoiceRows.length})`}`}>
          {invoiceRows.length ? <InvoiceTable rows={invoiceRows} /> : <p className="text-sm text-slate-500">No invoices.</p>}
        </Card>
      ) : null}
      {mayViewBilling && mayAdjust ? (
        <Card title="New invoice">
          <ActionForm actionRow action={createDraftInvoiceAction} submitLabel="Create draft invoice" className="flex flex-wrap items-start gap-3">
            <input type="hidden" name="customerId" value={customer.id} />
            <SelectField name="currency" label="Currency" defaultValue={customer.currency} options={currencyRows.map((c) => ({ value: c.code, label: `${c.code} · ${c.name}` }))} className="block w-44 text-sm" />
          </ActionForm>
        </Card>
      ) : null}
      {mayManage ? (
        <Card title="Tax exemption">
          <ActionForm actionRow action={setTaxExemptAction} submitLabel="Save" className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="customerId" value={customer.id} />
            <CheckboxField name="taxExempt" label="Tax exempt" defaultChecked={customer.taxExempt} hint="No tax on this customer's new invoices. Recorded in the audit log." />
          </ActionForm>
        </Card>
      ) : null}
      <Card title="Account credit">
        {balances.length === 0 ? (
          <p className="text-sm text-slate-500">No credit.</p>
        ) : (
          <ul className="flex flex-wrap gap-6 text-sm">
            {balances.map((b) => (
              <li key={b.currency}>
                <span className="text-2xl font-semibold">{money(b.balanceMinor, b.currency)}</span> <span className="text-slate-500">{b.currency}</span>
              </li>
            ))}
          </ul>
        )}
        {mayAdjust ? (
          <div className="mt-5 border-t pt-4">
            <h3 className="mb-2 text-sm font-semibold">Adjust credit</h3>
            <ActionForm actionRow action={adjustCreditAction} submitLabel="Adjust credit" className="flex flex-wrap items-start gap-3">
              <input type="hidden" name="customerId" value={customer.id} />
              <SelectField
                name="currency"
                label="Currency"
                defaultValue={customer.currency}
                options={currencyRows.map((c) => ({ value: c.code, label: `${c.code} · ${c.name}` }))}
                className="block w-44 text-sm"
              />
              <TextField name="amount" label="Amount" maxLength={30} inputMode="decimal" placeholder="25.00 or -10.00" hint="Negative to take credit away (not below zero)." className="block w-48 text-sm" />
              <TextField name="note" label="Note" maxLength={255} hint="Why; kept in the ledger and the audit log." className="block w-96 text-sm" />
            </ActionForm>
          </div>
        ) : null}
      </Card>
      <Card title={`Credit ledger${ledger.length === 50 ? ' (latest 50)' : ''}`}>
        {ledger.length === 0 ? (
          <p className="text-sm text-slate-500">No entries.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">Date</th>
                  <th className="py-2 pr-4 font-medium">Kind</th>
                  <th className="py-2 pr-4 text-right font-medium">Amount</th>
                  <th className="py-2 pr-4 font-medium">Note</th>
                  <th className="py-2 pr-4 font-medium">By</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {ledger.map((l) => (
                  <tr key={l.id}>
                    <td className="py-2 pr-4 whitespace-nowrap">{l.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
                    <td className="py-2 pr-4">{CREDIT_KIND_LABELS[l.kind]}</td>
                    <td className={`py-2 pr-4 text-right tabular-nums ${l.amountMinor < 0 ? 'text-red-700' : ''}`}>{money(l.amountMinor, l.currency)}</td>
                    <td className="py-2 pr-4">{l.note ?? (l.invoiceId ? `Invoice #${l.invoiceId}` : '')}</td>
                    <td className="py-2 pr-4 text-slate-500">{l.staffEmail ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
