import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { serviceModuleContext } from './service-module-context';

/** A link that signs the customer in to the panel, where the module has one. */
export async function panelSsoLink(db: SfDb, serviceId: number, actor: AuditActor): Promise<string> {
  const found = await serviceModuleContext(db, serviceId, []);
  if (!found?.module.ssoLink) throw new AppError('bad_request', 'This service has no panel sign-in.');
  const link = await found.module.ssoLink(found.ctx);
  await recordAudit(db, { actor, action: 'service.panel_sso', target: { type: 'service', id: found.ctx.service.externalId } });
  return link;
}
