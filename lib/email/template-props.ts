import { getEmailTemplate, type EmailTemplate } from '@/emails';
import { AppError } from '@/lib/errors/app-error';

export function getEmailTemplateOrThrow(name: string): EmailTemplate {
  const template = getEmailTemplate(name);
  if (!template) throw new AppError('bad_request', `Unknown email template "${name}".`);
  return template;
}

/** Checks props against the template's schema; the error names the template and the first bad field. */
export function parseEmailProps(template: EmailTemplate, props: unknown): Record<string, unknown> {
  const result = template.schema.safeParse(props);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  throw new AppError('bad_request', `Invalid props for email template "${template.name}": ${where}${issue?.message ?? 'invalid input'}`);
}
