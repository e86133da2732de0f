import { MarketingShell } from '@/components/marketing/marketing-shell';
import { ActionForm } from '@/components/ui/action-form';
import { TextArea, TextField } from '@/components/ui/form-fields';
import { requirePlatformMarketing } from '@/lib/resellers/require-platform-marketing';
import { APPLICATION_TRAP_FIELD } from '@/lib/resellers/schemas';
import { applyAsResellerAction } from './actions';

export const metadata = { title: 'Become a reseller' };

export default async function BecomeAResellerPage() {
  const { ctx } = await requirePlatformMarketing();
  return (
    <MarketingShell ctx={ctx} current="/become-a-reseller">
      <main className="mx-auto max-w-3xl px-6 py-16">
        <h1 className="text-4xl font-bold tracking-tight">Become a reseller</h1>
        <p className="mt-4 text-lg text-slate-600">
          Sell {ctx.storefront.name}’s servers, hosting and desktops under your own brand: your storefront on your own domain, your prices, your customers paying
          you. We run the infrastructure and bill you a wholesale price each month.
        </p>
        <section className="mt-10 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 className="mb-4 text-xl font-semibold">Apply</h2>
          <ActionForm action={applyAsResellerAction} submitLabel="Send application" className="space-y-4">
            <TextField name="name" label="Your name" maxLength={120} />
            <TextField name="company" label="Company" maxLength={160} />
            <TextField name="email" label="Email" type="email" maxLength={254} />
            <TextField name="website" label="Website (optional)" maxLength={255} placeholder="https://example.com" />
            <TextArea name="message" label="Tell us about your business" rows={5} maxLength={4000} hint="Who your customers are and what you would like to sell." />
            {/* Hidden from people (and screen readers); a bot that fills it in is told "thank you" and nothing is kept. */}
            <div className="hidden" aria-hidden="true">
              <label>
                Fax
                <input type="text" name={APPLICATION_TRAP_FIELD} tabIndex={-1} autoComplete="off" />
              </label>
            </div>
          </ActionForm>
        </section>
      </main>
    </MarketingShell>
  );
}
