import { SellerDetailsWarning } from '@/components/billing/seller-details-warning';
import { Card } from '@/components/ui/area-shell';
import { ActionForm } from '@/components/ui/action-form';
import { CheckboxField, SelectField, TextField } from '@/components/ui/form-fields';
import { minorToInput } from '@/lib/money/parse-money';
import { gridCurrencies } from '@/lib/catalog/admin/price-grid';
import { formatScaledDecimal } from '@/lib/money/parse-decimal';
import { LEAD_TIME_CYCLES } from '@/lib/settings/admin/billing-settings-form';
import { getBillingSettings } from '@/lib/settings/billing-settings';
import { getMissingSellerDetails } from '@/lib/settings/seller-details';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { saveBillingSettingsAction } from './actions';

const CYCLE_LABELS: Record<(typeof LEAD_TIME_CYCLES)[number], string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  semiannual: 'Semi-annual',
  annual: 'Annual',
  biennial: 'Biennial',
  triennial: 'Triennial',
};

const EMAILS = [
  { key: 'invoiceIssued', label: 'Invoice issued' },
  { key: 'paymentReceipt', label: 'Payment receipt' },
  { key: 'reminders', label: 'Payment reminders' },
  { key: 'overdueNotices', label: 'Overdue notices' },
  { key: 'suspension', label: 'Service suspended' },
  { key: 'termination', label: 'Service terminated' },
] as const;

const num = { maxLength: 3, inputMode: 'numeric' as const, className: 'block w-40 text-sm' };

export default async function BillingSettingsPage() {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return <PermissionDenied permission="settings.manage" />;
  const db = access.ctx.db;
  const [s, enabled, missing] = await Promise.all([getBillingSettings(db), gridCurrencies(db), getMissingSellerDetails(db)]);
  const byCycle = s.invoiceDaysBeforeByCycle as Partial<Record<string, number>>;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Billing settings</h1>
      <SellerDetailsWarning missing={missing} editHref="/tax#seller" />
      <ActionForm actionRow className="space-y-6" action={saveBillingSettingsAction} submitLabel="Save billing settings">
        <Card title="Renewal invoices">
          <div className="space-y-4">
            <TextField name="invoiceDaysBefore" label="Invoice days before due" defaultValue={String(s.invoiceDaysBefore)} hint="0–60." {...num} />
            <fieldset>
              <legend className="text-sm font-medium">Per billing cycle</legend>
              <p className="text-xs text-slate-500">Days before the due date for services of this cycle (0–90). Blank: the general value above.</p>
              <div className="mt-2 flex flex-wrap gap-3">
                {LEAD_TIME_CYCLES.map((c) => (
                  <TextField key={c} name={`cycleDays_${c}`} label={CYCLE_LABELS[c]} defaultValue={byCycle[c] === undefined ? '' : String(byCycle[c])} maxLength={2} inputMode="numeric" className="block w-28 text-sm" />
                ))}
              </div>
            </fieldset>
            <SelectField
              name="invoiceGrouping"
              label="Grouping"
              defaultValue={s.invoiceGrouping}
              options={[
                { value: 'per_customer_day', label: 'One invoice per customer per due date' },
                { value: 'per_service', label: 'One invoice per service' },
              ]}
              className="block w-96 text-sm"
            />
            <CheckboxField name="applyCreditAutomatically" label="Apply account credit automatically" defaultChecked={s.applyCreditAutomatically} hint="New invoices are paid from the customer's credit first." />
          </div>
        </Card>
        <Card title="Reminders and overdue notices">
          <div className="space-y-4">
            <TextField name="reminderDaysBefore" label="Reminder days before due" defaultValue={String(s.reminderDaysBefore)} hint="0–30; 0: no reminder." {...num} />
            <CheckboxField name="noticeOnDueDate" label="Send a notice on the due date" defaultChecked={s.noticeOnDueDate} />
            <fieldset>
              <legend className="text-sm font-medium">Overdue notices</legend>
              <p className="text-xs text-slate-500">Days after the due date (0–90); 0 turns that notice off.</p>
              <div className="mt-2 flex flex-wrap gap-3">
                {(['First', 'Second', 'Third'] as const).map((label, i) => (
                  <TextField key={label} name={`overdueNoticeDays_${i}`} label={`${label} notice`} defaultValue={String(s.overdueNoticeDays[i])} maxLength={2} inputMode="numeric" className="block w-32 text-sm" />
                ))}
              </div>
            </fieldset>
          </div>
        </Card>
        <Card title="Plan changes">
          <SelectField
            name="downgradeRefund"
            label="When a customer downgrades mid-period"
            defaultValue={s.downgradeRefund}
            options={[
              { value: 'credit', label: 'Credit the unused difference to their account' },
              { value: 'none', label: 'No refund' },
            ]}
            className="block w-96 text-sm"
          />
        </Card>
        <Card title="Late fee">
          <div className="space-y-4">
            <TextField name="lateFeeAfterDays" label="Late fee after (days overdue)" defaultValue={String(s.lateFeeAfterDays)} hint="0–90; 0: no late fee." {...num} />
            <SelectField
              name="lateFeeType"
              label="Late fee type"
              defaultValue={s.lateFeeType}
              options={[
                { value: 'fixed', label: 'Fixed amount per currency' },
                { value: 'percent', label: 'Percentage of the invoice' },
              ]}
              className="block w-72 text-sm"
            />
            <fieldset>
              <legend className="text-sm font-medium">Fixed amount</legend>
              <p className="text-xs text-slate-500">Per enabled currency, e.g. 5.00. Blank: no fixed fee in that currency.</p>
              <div className="mt-2 flex flex-wrap gap-3">
                {enabled.map((c) => {
                  const stored = s.lateFeeFixedMinor[c.code];
                  return (
                    <TextField
                      key={c.code}
                      name={`lateFeeFixed_${c.code}`}
                      label={c.code}
                      defaultValue={stored === undefined ? '' : minorToInput(stored, c.minorDigits)}
                      maxLength={30}
                      inputMode="decimal"
                      className="block w-32 text-sm"
                    />
                  );
                })}
              </div>
            </fieldset>
            <TextField name="lateFeePercent" label="Percentage" defaultValue={formatScaledDecimal(s.lateFeePercentBp, 2)} maxLength={6} inputMode="decimal" hint="0–50, up to two decimals." className="block w-40 text-sm" />
          </div>
        </Card>
        <Card title="Suspension and termination">
          <div className="flex flex-wrap gap-4">
            <TextField name="suspendAfterDays" label="Suspend after (days overdue)" defaultValue={String(s.suspendAfterDays)} hint="0–365; 0: never." {...num} className="block w-56 text-sm" />
            <TextField name="terminateAfterDays" label="Terminate after (days overdue)" defaultValue={String(s.terminateAfterDays)} hint="0–730; 0: never." {...num} className="block w-56 text-sm" />
          </div>
        </Card>
        <Card title="Adding funds">
          <div className="flex flex-wrap gap-4">
            <TextField name="addFundsMinMinor" label="Minimum (minor units)" defaultValue={String(s.addFundsMinMinor)} hint="e.g. 500 = 5.00 in the invoice's currency." {...num} maxLength={10} className="block w-56 text-sm" />
            <TextField name="addFundsMaxMinor" label="Maximum (minor units)" defaultValue={String(s.addFundsMaxMinor)} hint="e.g. 100000 = 1,000.00." {...num} maxLength={10} className="block w-56 text-sm" />
          </div>
        </Card>
        <Card title="Emails">
          <div className="space-y-2">
            {EMAILS.map((e) => (
              <CheckboxField key={e.key} name={`emails_${e.key}`} label={e.label} defaultChecked={s.emails[e.key]} />
            ))}
          </div>
        </Card>
      </ActionForm>
    </div>
  );
}
