import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { serviceModuleContext } from './service-module-context';

/**
 * The link the customer's panel button opens: a sign-in link where the module has SSO, else the module's plain
 * link to the resource on the panel. The audit action says which, so a plain link is never counted as SSO.
 */
export async function panelSsoLink(db: SfDb, serviceId: number, actor: AuditActor): Promise<string> {
  const found = await serviceModuleContext(db, serviceId, []);
  const { module, ctx } = found ?? {};
  if (!module || !ctx || !(module.ssoLink || module.panelLink)) throw new AppError('bad_request', 'This service has no panel link.');
  const link = module.ssoLink ? await module.ssoLink(ctx) : await module.panelLink!(ctx);
  await recordAudit(db, { actor, action: module.ssoLink ? 'service.panel_sso' : 'service.panel_link', target: { type: 'service', id: ctx.service.externalId } });
  return link;
}
