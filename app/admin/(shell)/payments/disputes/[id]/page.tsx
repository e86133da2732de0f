import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/ui/area-shell';
import { formatMoney } from '@/lib/money/format';
import { formatDeadline } from '@/lib/payments/disputes/dispute-state';
import { findDispute } from '@/lib/payments/disputes/find-dispute';
import { gatewayDefinition } from '@/lib/payments/registry';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../../permission-denied';
import { DisputeStateBadge, EvidenceDue } from '../dispute-table';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-3 py-1">
      <dt className="w-44 shrink-0 text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default async function AdminDisputePage(props: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPermission('billing.view');
  if (!access.allowed) return <PermissionDenied permission="billing.view" />;
  const { id } = await props.params;
  // Only this storefront's database is open here: another store's dispute id finds nothing.
  const d = await findDispute(access.ctx.db, id);
  if (!d) notFound();
  const name = gatewayDefinition(d.gateway)?.names.staff ?? d.gateway;
  const money = (minor: number) => formatMoney(minor, d.currency, d.locale, d.minorDigits);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">
        Dispute {d.gatewayDisputeId} <DisputeStateBadge dispute={d} />
      </h1>
      <Card title="What the gateway reports">
        <dl className="text-sm">
          <Fact label="Gateway">
            {name} <span className="font-mono text-xs text-slate-500">{d.gatewayStatus}</span>
          </Fact>
          <Fact label="Customer">
            <Link href={`/customers/${d.customerId}`} className="text-[var(--brand)] underline">
              {d.customerEmail}
            </Link>
          </Fact>
          <Fact label="Invoice">
            {d.invoicePublicId ? (
              <Link href={`/invoices/${d.invoicePublicId}`} className="text-[var(--brand)] underline">
                {d.invoiceNumber ?? d.invoicePublicId}
              </Link>
            ) : (
              'none'
            )}
          </Fact>
          <Fact label="Disputed payment">
            {d.invoicePublicId ? (
              <Link href={`/payments?invoice=${d.invoicePublicId}`} className="font-mono text-xs text-[var(--brand)] underline">
                {d.chargePublicId}
              </Link>
            ) : (
              <span className="font-mono text-xs">{d.chargePublicId}</span>
            )}
          </Fact>
          <Fact label="Amount disputed">{money(d.amountMinor)}</Fact>
          <Fact label="Reason">{d.reason.replaceAll('_', ' ')}</Fact>
          <Fact label="Opened">{formatDeadline(d.openedAt)}</Fact>
          <Fact label="Evidence">
            <EvidenceDue dispute={d} now={new Date()} />
          </Fact>
          {d.closedAt ? <Fact label="Closed">{`${formatDeadline(d.closedAt)}: ${d.outcome === 'won' ? 'won, the payment stands' : 'lost'}`}</Fact> : null}
          {d.outcome === 'lost' ? (
            <Fact label="Taken off the invoice">
              {d.chargedBackMinor > 0 ? `${money(d.chargedBackMinor)} (chargeback ${d.reversalPublicId ?? ''}); the invoice is due again` : 'nothing: the invoice held none of the payment any more'}
            </Fact>
          ) : null}
        </dl>
        {d.status !== 'closed' ? <p className="mt-3 text-sm text-slate-600">{`Answer it in the ${name} dashboard before the deadline. A refund now may not stop the chargeback.`}</p> : null}
      </Card>
      <Card title="History">
        <ol className="space-y-1 text-sm">
          {d.history.map((h, i) => (
            <li key={i}>
              <span className="font-mono text-xs text-slate-500">{h.at.toISOString().slice(0, 16).replace('T', ' ')}</span> {h.action.replace('dispute.', '')}
              {h.actor ? <span className="text-slate-500"> by {h.actor}</span> : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
