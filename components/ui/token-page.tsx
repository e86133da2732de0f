import Link from 'next/link';
import { ActionForm, type ActionResult } from './action-form';
import type { StorefrontBrand } from '@/lib/branding/storefront-brand';
import { BrandLine } from './brand-mark';

/**
 * A page opened from an emailed link. The link only shows a button: mail scanners that fetch links must not
 * use up the token, so the change happens on a deliberate POST.
 */
export function TokenConfirmPage(props: {
  brand: StorefrontBrand;
  title: string;
  text: string;
  token: string | undefined;
  action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  submitLabel: string;
}) {
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <BrandLine brand={props.brand} area="Customer area" className="mb-2" />
      <h1 className="mb-4 text-2xl font-semibold">{props.title}</h1>
      {props.token ? (
        <>
          <p className="mb-4 text-slate-700">{props.text}</p>
          <ActionForm action={props.action} submitLabel={props.submitLabel}>
            <input type="hidden" name="token" value={props.token} />
          </ActionForm>
        </>
      ) : (
        <p className="text-red-700">This link is incomplete. Open the link from the email again.</p>
      )}
      <p className="mt-6 text-sm">
        <Link href="/sign-in" className="text-[var(--brand)] underline">
          Go to sign in
        </Link>
      </p>
    </main>
  );
}
