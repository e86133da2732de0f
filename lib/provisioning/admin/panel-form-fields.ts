import { z } from 'zod';
import type { ProvisioningModule } from '../module';

export interface PanelFormField {
  /** The key in the module's credentials or options object. */
  key: string;
  kind: 'secret' | 'text' | 'boolean';
  optional: boolean;
  /** A boolean option's schema default, so the checkbox starts the way the module would assume. */
  defaultOn: boolean;
}

/** The keys of a module schema that is a plain zod object; anything else has no fields we can render. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

/** Strips optional/default/nullable wrappers to see what a field really holds. */
function innerType(t: z.ZodType): z.ZodType {
  let cur: z.ZodType = t;
  while (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault || cur instanceof z.ZodNullable) cur = cur.unwrap() as z.ZodType;
  return cur;
}

/**
 * The fields staff fill in to register a panel of this module, read from its own schemas: every credential is a
 * write-only secret; options are text or a checkbox for booleans.
 */
export function panelFormFields(module: ProvisioningModule): { credentials: PanelFormField[]; options: PanelFormField[] } {
  const fields = (schema: z.ZodType, secret: boolean): PanelFormField[] =>
    Object.entries(shapeOf(schema)).map(([key, t]) => ({
      key,
      kind: secret ? 'secret' : innerType(t) instanceof z.ZodBoolean ? 'boolean' : 'text',
      optional: t.safeParse(undefined).success,
      defaultOn: t.safeParse(undefined).data === true,
    }));
  return { credentials: fields(module.credentialsSchema, true), options: fields(module.optionsSchema, false) };
}

/** "applicationKey" → "Application key", for field labels. */
export function fieldLabel(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The credentials and options of the submitted form for this module: blank optional text is left out so the
 * module's defaults apply, booleans come from checkboxes (absent means off).
 */
export function panelFormValues(module: ProvisioningModule, get: (name: string) => string | undefined): { credentials: Record<string, string>; options: Record<string, unknown> } {
  const { credentials, options } = panelFormFields(module);
  const creds: Record<string, string> = {};
  for (const f of credentials) {
    const v = get(`cred_${f.key}`) ?? '';
    if (v !== '' || !f.optional) creds[f.key] = v;
  }
  const opts: Record<string, unknown> = {};
  for (const f of options) {
    const v = get(`opt_${f.key}`);
    if (f.kind === 'boolean') opts[f.key] = v === 'on';
    else if ((v ?? '') !== '' || !f.optional) opts[f.key] = v ?? '';
  }
  return { credentials: creds, options: opts };
}
