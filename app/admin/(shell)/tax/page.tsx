import { SellerDetailsWarning } from '@/components/billing/seller-details-warning';
import { Card } from '@/components/ui/area-shell';
import { formatScaledDecimal } from '@/lib/money/parse-decimal';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';
import { getMissingSellerDetails } from '@/lib/settings/seller-details';
import { LOYALTY_TIER_ROWS } from '@/lib/settings/admin/schemas';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { listTaxRules } from '@/lib/tax/admin/save-tax-rule';
import { ActionForm } from '@/components/ui/action-form';
import { CheckboxField, FormErrors, TextArea, TextField } from '@/components/ui/form-fields';
import { PermissionDenied } from '../permission-denied';
import { createTaxRuleAction, deleteTaxRuleAction, saveCommerceSettingsAction, updateTaxRuleAction } from './actions';

export default async function TaxPage() {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return <PermissionDenied permission="settings.manage" />;
  const [rules, settings, missing] = await Promise.all([listTaxRules(access.ctx.db), getCommerceSettings(access.ctx.db), getMissingSellerDetails(access.ctx.db)]);
  const tiers = Array.from({ length: LOYALTY_TIER_ROWS }, (_, i) => settings.loyaltyTiers[i]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Tax</h1>
      <SellerDetailsWarning missing={missing} editHref="#seller" />
      <Card title={`Tax rules (${rules.length})`}>
        <p className="mb-3 text-sm text-slate-600">
          One rate per country, or per region of a country (a region rule wins over the country rule). Rates are percentages with up to three decimals, e.g. 8.875. Issued
          invoices keep the rate they were issued with.
        </p>
        {rules.length === 0 ? <p className="text-sm text-slate-500">No tax rules yet: no tax is charged anywhere.</p> : null}
        <ul className="divide-y">
          {rules.map((r) => (
            <li key={r.id} className="py-3">
              <ActionForm actionRow action={updateTaxRuleAction} submitLabel="Save" className="flex flex-wrap items-end gap-3">
                <input type="hidden" name="ruleId" value={r.id} />
                <TextField name="country" label="Country" defaultValue={r.country} maxLength={2} className="block w-20 text-sm" />
                <TextField name="region" label="Region" defaultValue={r.region} maxLength={100} className="block w-40 text-sm" />
                <TextField name="name" label="Name" defaultValue={r.name} maxLength={60} className="block w-36 text-sm" />
                <TextField name="rate" label="Rate %" defaultValue={formatScaledDecimal(r.rateMilliPercent, 3)} maxLength={10} inputMode="decimal" className="block w-28 text-sm" />
                <div className="pb-2">
                  <CheckboxField name="active" label="Active" defaultChecked={r.active} />
                </div>
              </ActionForm>
              <details className="mt-1 text-sm">
                <summary className="cursor-pointer text-slate-500">Delete</summary>
                <ActionForm actionRow action={deleteTaxRuleAction} submitLabel={`Delete ${r.country}${r.region ? ` / ${r.region}` : ''} ${r.name}`} danger className="mt-2 flex flex-wrap items-end gap-3">
                  <input type="hidden" name="ruleId" value={r.id} />
                </ActionForm>
              </details>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Add a tax rule">
        <ActionForm actionRow action={createTaxRuleAction} submitLabel="Add rule" className="flex flex-wrap items-end gap-3">
          <TextField name="country" label="Country" maxLength={2} placeholder="DE" className="block w-20 text-sm" />
          <TextField name="region" label="Region (optional)" maxLength={100} placeholder="NY" className="block w-40 text-sm" />
          <TextField name="name" label="Name" maxLength={60} placeholder="VAT" className="block w-36 text-sm" />
          <TextField name="rate" label="Rate %" maxLength={10} inputMode="decimal" placeholder="19" className="block w-28 text-sm" />
          <div className="pb-2">
            <CheckboxField name="active" label="Active" defaultChecked />
          </div>
        </ActionForm>
      </Card>
      <Card id="seller" title="Commerce settings and the seller on invoices">
        <ActionForm actionRow className="space-y-4" action={saveCommerceSettingsAction} submitLabel="Save settings">
          <CheckboxField name="taxInclusive" label="Prices include tax" defaultChecked={settings.taxInclusive} hint="EU consumer style; off: tax is added on top (B2B / US style)." />
          <div className="flex flex-wrap items-end gap-6">
            <CheckboxField
              name="viesEnabled"
              label="Check EU VAT numbers with VIES"
              defaultChecked={settings.viesEnabled}
              hint="Reverse charge then needs VIES to have confirmed the customer's number; a number VIES rejected or never answered for is charged VAT."
            />
            <TextField
              name="viesMaxAgeDays"
              label="Re-check VAT numbers after (days)"
              defaultValue={String(settings.viesMaxAgeDays)}
              maxLength={2}
              inputMode="numeric"
              hint="1–90. Older answers are checked again before the next invoice and by the hourly job."
              className="block w-64 text-sm"
            />
          </div>
          <p className="text-xs text-slate-500">Every invoice is issued with the seller details below (invoices already issued keep theirs).</p>
          <div className="grid gap-4 md:grid-cols-2">
            <TextField name="sellerName" label="Seller legal name" defaultValue={settings.sellerName} maxLength={160} hint="As registered, with the legal form (GmbH, B.V., Ltd, Inc.)." />
            <TextField name="sellerTaxId" label="Seller VAT number / tax id" defaultValue={settings.sellerTaxId} maxLength={40} hint="Required for a seller in the EU, e.g. DE123456789." />
            <TextField name="sellerCountry" label="Seller country" defaultValue={settings.sellerCountry} maxLength={2} hint="Two-letter code." />
            <TextField name="sellerRegion" label="Seller region" defaultValue={settings.sellerRegion} maxLength={100} hint="Optional (state, province)." />
            <TextField name="sellerRegistrationNumber" label="Company registration number" defaultValue={settings.sellerRegistrationNumber} maxLength={60} hint="Optional, e.g. HRB 123456 B or KvK 12345678." />
            <TextField name="sellerRegistrationPlace" label="Registered at" defaultValue={settings.sellerRegistrationPlace} maxLength={120} hint="Where: the register court or the chamber of commerce." />
          </div>
          <TextArea name="sellerAddressLines" label="Seller address" defaultValue={settings.sellerAddressLines.join('\n')} rows={5} maxLength={1100} hint="Street, postcode and city: one line per row, at most 5 (the country is added)." />
          <TextArea name="invoiceFooter" label="Invoice footer" defaultValue={settings.invoiceFooter} rows={3} maxLength={1000} hint="Printed at the foot of every invoice: managing directors, contact details, terms." />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Loyalty discount tiers</legend>
            <p className="text-xs text-slate-500">After a service has been active this many months, its renewals get this discount (the highest qualifying tier wins; at most 20 %). Blank rows are ignored.</p>
            <div className="grid gap-2 md:grid-cols-2">
              {tiers.map((t, i) => (
                <div key={i} className="flex items-end gap-2">
                  <TextField name={`tierMonths_${i}`} label="Months" defaultValue={t ? String(t.months) : ''} maxLength={3} inputMode="numeric" className="block w-24 text-sm" />
                  <span className="pb-2">→</span>
                  <TextField name={`tierPercent_${i}`} label="Percent off" defaultValue={t ? formatScaledDecimal(t.percentBp, 2) : ''} maxLength={6} inputMode="decimal" className="block w-28 text-sm" />
                </div>
              ))}
            </div>
            <FormErrors names={[{ name: 'loyaltyTiers', label: 'Loyalty tiers:' }]} />
          </fieldset>
          <div className="grid gap-4 md:grid-cols-2">
            <TextField name="invoiceNumberFormat" label="Invoice number format" defaultValue={settings.invoiceNumberFormat} maxLength={40} hint="Tokens: {YYYY}, {YY}, {MM}, {SEQ:n}. Needs {SEQ}." />
            <TextField name="orderInvoiceDueDays" label="Order invoice due after (days)" defaultValue={String(settings.orderInvoiceDueDays)} maxLength={2} inputMode="numeric" hint="0–60." />
          </div>
        </ActionForm>
      </Card>
    </div>
  );
}
