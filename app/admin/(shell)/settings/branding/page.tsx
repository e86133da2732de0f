import { Card } from '@/components/ui/area-shell';
import { ActionForm } from '@/components/ui/action-form';
import { FormErrors, TextArea, TextField } from '@/components/ui/form-fields';
import { BRAND_IMAGE_MAX_BYTES, type BrandImageKind } from '@/lib/branding/brand-image';
import { brandContrastWarnings } from '@/lib/branding/contrast';
import { getStorefrontBrand, type BrandImage } from '@/lib/branding/storefront-brand';
import { getBrandingSettings } from '@/lib/settings/branding-settings';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { BrandColorFields } from './brand-color-fields';
import { removeFaviconAction, removeLogoAction, saveBrandingAction, uploadFaviconAction, uploadLogoAction } from './actions';

const IMAGE_TEXT: Record<BrandImageKind, { title: string; text: string }> = {
  logo: {
    title: 'Logo',
    text: 'Shown in the header of the storefront, the customer area and the admin panel, on invoices, credit notes and in emails. PDFs and emails use a PNG copy of an SVG logo (or the name, if none could be made).',
  },
  favicon: { title: 'Favicon', text: 'The small icon browsers show in the tab, on every host of the storefront. A square PNG or SVG works best.' },
};

function ImageCard({ kind, image, upload, remove }: { kind: BrandImageKind; image: BrandImage | null; upload: typeof uploadLogoAction; remove: typeof removeLogoAction }) {
  const { title, text } = IMAGE_TEXT[kind];
  return (
    <Card title={title}>
      <div className="space-y-4">
        <p className="text-sm text-slate-600">{text}</p>
        {image ? (
          <div className="rounded border border-slate-200 bg-white p-3">
            <img src={image.path} alt={`Current ${kind}`} className={kind === 'logo' ? 'max-h-16 max-w-64 object-contain' : 'h-8 w-8 object-contain'} />
          </div>
        ) : (
          <p className="text-sm text-slate-500">No {kind} set.</p>
        )}
        <ActionForm action={upload} submitLabel={image ? `Replace ${kind}` : `Upload ${kind}`}>
          <label className="block text-sm">
            <span className="block font-medium">{title} file</span>
            <input type="file" name={kind} accept="image/png,image/jpeg,image/svg+xml" required className="mt-1 block text-sm" />
            <span className="block text-xs text-slate-500">PNG, JPEG or SVG, at most {BRAND_IMAGE_MAX_BYTES[kind] / 1024} KB. An SVG is cleaned of scripts, links and external references.</span>
          </label>
          <FormErrors names={[{ name: kind, label: `The ${kind}` }]} />
        </ActionForm>
        {image ? <ActionForm action={remove} submitLabel={`Remove ${kind}`} danger /> : null}
      </div>
    </Card>
  );
}

export default async function BrandingSettingsPage() {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return <PermissionDenied permission="settings.manage" />;
  const { db, storefront } = access.ctx;
  const [brand, stored] = await Promise.all([getStorefrontBrand(db, storefront), getBrandingSettings(db)]);
  const warnings = brandContrastWarnings(brand);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Branding</h1>
      <p className="text-sm text-slate-600">How this storefront presents itself on its website, customer area, admin panel, emails and invoices.</p>
      {warnings.length ? (
        <div role="alert" className="space-y-1 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {warnings.map((w) => (
            <p key={w.field}>{w.message}</p>
          ))}
        </div>
      ) : null}
      <ActionForm actionRow className="space-y-6" action={saveBrandingAction} submitLabel="Save branding">
        <Card title="Name and colours">
          <div className="space-y-4">
            <TextField name="companyName" label="Company name" defaultValue={brand.name} maxLength={120} hint="What customers see in headers, page titles, emails and on invoices." />
            <BrandColorFields primary={brand.primaryColor} accent={stored.accentColor ?? ''} />
          </div>
        </Card>
        <Card title="Contact and email">
          <div className="space-y-4">
            <TextField name="supportEmail" label="Support email" type="email" defaultValue={brand.supportEmail} maxLength={254} hint="Shown in the footer and emails; replies to emails go here." />
            <TextField
              name="mailFromAddress"
              label="Send emails from"
              type="email"
              defaultValue={brand.mailFromAddress}
              maxLength={254}
              hint="The From address of this storefront's emails, with the company name as the sender. Its domain must allow our mail server to send for it (SPF, DKIM). Blank: the platform's address."
            />
          </div>
        </Card>
        <Card title="Footer and legal links">
          <div className="space-y-4">
            <TextArea name="footerText" label="Footer text" defaultValue={brand.footerText} rows={3} maxLength={500} hint="Shown at the foot of every page and email. At most 500 characters." />
            <TextField name="termsUrl" label="Terms of service URL" defaultValue={stored.termsUrl} maxLength={500} placeholder="https://" />
            <TextField name="privacyUrl" label="Privacy policy URL" defaultValue={stored.privacyUrl} maxLength={500} placeholder="https://" />
            <TextField name="imprintUrl" label="Imprint URL" defaultValue={stored.imprintUrl} maxLength={500} placeholder="https://" />
          </div>
        </Card>
      </ActionForm>
      <ImageCard kind="logo" image={brand.logo} upload={uploadLogoAction} remove={removeLogoAction} />
      <ImageCard kind="favicon" image={brand.favicon} upload={uploadFaviconAction} remove={removeFaviconAction} />
    </div>
  );
}
