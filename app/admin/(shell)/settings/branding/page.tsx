import { Card } from '@/components/ui/area-shell';
import { ActionForm } from '@/components/ui/action-form';
import { FormErrors } from '@/components/ui/form-fields';
import { getBrandingSettings, LOGO_MAX_BYTES } from '@/lib/settings/branding-settings';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { removeLogoAction, uploadLogoAction } from './actions';

export default async function BrandingSettingsPage() {
  const access = await requireStaffPermission('settings.manage');
  if (!access.allowed) return <PermissionDenied permission="settings.manage" />;
  const { logo } = await getBrandingSettings(access.ctx.db);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Branding</h1>
      <Card title="Invoice logo">
        <div className="space-y-4">
          <p className="text-sm text-slate-600">Shown at the top of invoice PDFs, above the storefront name. Without a logo the PDF shows the name only.</p>
          {logo ? (
            <div className="space-y-2">
              <img src={logo.dataUrl} alt="Current logo" className="max-h-12 max-w-40 object-contain" />
              <p className="text-xs text-slate-500">{Math.ceil(logo.bytes / 1024)} KB</p>
            </div>
          ) : (
            <p className="text-sm text-slate-500">No logo set.</p>
          )}
          <ActionForm action={uploadLogoAction} submitLabel={logo ? 'Replace logo' : 'Upload logo'}>
            <label className="block text-sm">
              <span className="block font-medium">Logo file</span>
              <input type="file" name="logo" accept="image/png,image/jpeg" required className="mt-1 block text-sm" />
              <span className="block text-xs text-slate-500">PNG or JPEG, at most {LOGO_MAX_BYTES / 1024} KB.</span>
            </label>
            <FormErrors names={[{ name: 'logo', label: 'The logo' }]} />
          </ActionForm>
          {logo ? <ActionForm action={removeLogoAction} submitLabel="Remove logo" danger /> : null}
        </div>
      </Card>
    </div>
  );
}
