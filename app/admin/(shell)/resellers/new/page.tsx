import Link from 'next/link';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { SelectField, TextField } from '@/components/ui/form-fields';
import { env } from '@/lib/config/env';
import { listResellerPrograms } from '@/lib/resellers/programs/list-reseller-programs';
import { requirePlatformStaff } from '@/lib/resellers/require-platform-staff';
import { PermissionDenied } from '../../permission-denied';
import { createResellerAction } from '../actions';

export default async function NewResellerPage() {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return <PermissionDenied permission="resellers.manage" />;
  const programs = (await listResellerPrograms(platform.central)).filter((p) => p.program.active);
  const domain = env().APP_DOMAIN;
  return (
    <div className="space-y-6">
      <Link href="/resellers" className="text-sm text-[var(--brand)] underline">
        All resellers
      </Link>
      <h1 className="text-2xl font-semibold">New reseller</h1>
      {programs.length === 0 ? (
        <p className="text-sm text-slate-700">
          There is no active reseller program yet.{' '}
          <Link href="/resellers/programs" className="text-[var(--brand)] underline">
            Create a program
          </Link>{' '}
          first.
        </p>
      ) : (
        <Card title="Reseller">
          <ActionForm action={createResellerAction} submitLabel="Create reseller" className="max-w-xl space-y-4">
            <TextField name="name" label="Name" maxLength={120} hint="The storefront’s name, as its customers will see it." />
            <TextField name="ownerEmail" label="Owner email" type="email" maxLength={254} hint="Gets the owner invitation and the welcome email." />
            <TextField name="ownerName" label="Owner name (optional)" maxLength={120} />
            <TextField name="slug" label="Slug" maxLength={40} hint={`Its hosts: <slug>.${domain}, account.<slug>.${domain} and admin.<slug>.${domain}. Cannot be changed later.`} />
            <SelectField name="program" label="Program" options={programs.map((p) => ({ value: p.program.slug, label: p.program.name }))} />
          </ActionForm>
        </Card>
      )}
    </div>
  );
}
