import { Card } from '@/components/ui/area-shell';
import { ActionForm } from '@/components/ui/action-form';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import { isStandingStale, standingOf, taxRelevantVatNumber, viesNumberOf, type VatStandingColumns } from '@/lib/tax/vat-standing';
import { checkVatNumberAction } from './actions';

type VatCustomer = VatStandingColumns & {
  publicId: string;
  country: string;
  company: string | null;
  taxId: string | null;
  vatConsultationNumber: string | null;
  vatCheckFailedAt: Date | null;
};

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const LABELS = { confirmed: 'Confirmed by VIES', rejected: 'Rejected by VIES', unchecked: 'Not checked' } as const;

/** The customer's VAT number standing as tax decisions use it, with staff's "Check now". */
export function VatStandingCard(props: { customer: VatCustomer; commerce: Pick<CommerceSettings, 'viesEnabled' | 'viesMaxAgeDays' | 'sellerCountry'>; mayManage: boolean }) {
  const { customer, commerce } = props;
  const number = viesNumberOf(customer);
  if (!number) return null;
  const standing = standingOf(customer);
  const forThisNumber = customer.vatCheckedNumber === number;
  const failedSince = customer.vatCheckFailedAt && (!customer.vatCheckedAt || customer.vatCheckFailedAt > customer.vatCheckedAt) ? customer.vatCheckFailedAt : null;
  const relevant = taxRelevantVatNumber(customer, commerce.sellerCountry) !== null;
  const rows: [string, string][] = [
    ['Number', number],
    ['Standing', LABELS[standing]],
    ['Checked', forThisNumber && customer.vatCheckedAt ? when(customer.vatCheckedAt) : customer.vatCheckedNumber ? `never for this number (last for ${customer.vatCheckedNumber})` : 'never'],
  ];
  if (forThisNumber && customer.vatConsultationNumber) rows.push(['Consultation no.', customer.vatConsultationNumber]);
  if (failedSince) rows.push(['VIES unreachable', `${when(failedSince)}; the standing above is the last known one`]);
  let effect: string;
  if (!commerce.viesEnabled) effect = 'VIES checks are off (tax settings): reverse charge follows the number’s format alone.';
  else if (!relevant) effect = 'The customer is not in another EU member state than the seller, so the standing does not change their tax.';
  else if (standing === 'confirmed') effect = `Reverse charge applies. Re-checked when older than ${commerce.viesMaxAgeDays} days.`;
  else effect = 'VAT is charged: reverse charge needs VIES to confirm the number.';
  const stale = commerce.viesEnabled && relevant && isStandingStale(customer, new Date(), commerce.viesMaxAgeDays);
  return (
    <Card title="VAT number (VIES)">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="vat-standing">
        {rows.map(([label, value]) => (
          <div key={label} className="flex gap-2">
            <dt className="w-32 shrink-0 text-slate-500">{label}</dt>
            <dd className={label === 'Number' || label === 'Consultation no.' ? 'font-mono' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-slate-600">
        {effect}
        {stale ? ' Due for a re-check before the next invoice.' : ''}
      </p>
      {props.mayManage ? (
        <ActionForm actionRow action={checkVatNumberAction} submitLabel="Check now" className="mt-3 flex flex-wrap items-center gap-3">
          <input type="hidden" name="customerPublicId" value={customer.publicId} />
        </ActionForm>
      ) : null}
    </Card>
  );
}
