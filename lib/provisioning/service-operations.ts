import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { customers, orderItems, panels, plans, provisioningLog, provisioningRequests, services } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { verifyPassword } from '@/lib/auth/password';
import { hasConfirmedTotp } from '@/lib/mfa/totp';
import { verifyTotpCode } from '@/lib/mfa/verify-totp-code';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import { fieldErrorsOf } from '@/lib/customers/schemas';
import { AppError } from '@/lib/errors/app-error';
import { getRedis, redisKey } from '@/lib/redis/client';
import { consumeRateLimit, RATE_LIMITS } from '@/lib/security/rate-limit';
import { decryptSecret, encryptSecret } from '@/lib/security/secret-box';
import { type ModuleContext, type PowerAction, type ProvisioningModule, type ServiceDetails, type ServiceStatus } from './module';
import type { PanelHttpEntry } from './panel-http';
import { orderFieldsOf, writeProvisioningLog } from './provisioning-log';
import { panelConnection } from './panels';
import { moduleFor, planModuleSettings } from './registry';
import { requestProvisioning } from './request-queue';

/** A service with everything a module call needs, or null when its plan has no module or it was never placed. */
export async function serviceModuleContext(db: SfDb, serviceId: number, calls: PanelHttpEntry[]): Promise<{ module: ProvisioningModule; ctx: ModuleContext } | null> {
  const [row] = await db
    .select({ service: services, plan: plans, customer: customers, panel: panels, selection: orderItems.selection })
    .from(services)
    .innerJoin(plans, eq(plans.id, services.planId))
    .innerJoin(customers, eq(customers.id, services.customerId))
    .leftJoin(panels, eq(panels.id, services.panelId))
    .leftJoin(orderItems, eq(orderItems.id, services.orderItemId))
    .where(eq(services.id, serviceId));
  const module = moduleFor(row?.plan.provisioningModule);
  if (!row || !module || !row.panel || !row.service.panelRef) return null;
  const ctx: ModuleContext = {
    panel: panelConnection(row.panel),
    service: {
      externalId: row.service.publicId,
      label: row.service.label,
      customer: { externalId: row.customer.publicId, email: row.customer.email, name: row.customer.name },
      planSettings: planModuleSettings(module, row.plan.moduleSettings).settings,
      orderFields: orderFieldsOf(row.selection, row.service.details),
      panelRef: row.service.panelRef,
      details: (row.service.details ?? {}) as ServiceDetails,
    },
    log: (e) => calls.push(e),
    // Power, status and sign-in links never create anything, so there is nothing to remember.
    rememberPanelRef: async () => undefined,
    rememberCredentials: async () => undefined,
  };
  return { module, ctx };
}

const POWER_LIMIT = { name: 'service-power', limit: 10, windowSeconds: 600 };
const STATUS_CACHE_SECONDS = 20;

/** The customer's (or staff's) power button: rate-limited per service, logged, audited, and the status cache dropped. */
export async function powerService(db: StorefrontDb, opts: { storefrontId: number; serviceId: number; action: PowerAction; actor: AuditActor }): Promise<string> {
  const [svc] = await db.select({ publicId: services.publicId, status: services.status }).from(services).where(eq(services.id, opts.serviceId));
  if (!svc) throw new AppError('not_found', 'No such service.');
  if (svc.status !== 'active') throw new AppError('conflict', 'Power controls work only while the service is active.');
  const limit = await consumeRateLimit({ rule: POWER_LIMIT, storefrontId: opts.storefrontId, subject: svc.publicId });
  if (!limit.allowed) throw new AppError('rate_limited', `Too many power actions on this service; try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minute(s).`);
  const calls: PanelHttpEntry[] = [];
  const found = await serviceModuleContext(db, opts.serviceId, calls);
  if (!found?.module.power || !found.module.powerActions.includes(opts.action)) throw new AppError('bad_request', 'This service has no such power control.');
  let error: string | null = null;
  try {
    await found.module.power(found.ctx, opts.action);
  } catch (err) {
    error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
  }
  await writeProvisioningLog(db, { serviceId: opts.serviceId, requestId: null, action: `power:${opts.action}`, attempt: 1, actor: opts.actor, calls, error });
  await recordAudit(db, { actor: opts.actor, action: 'service.power', target: { type: 'service', id: svc.publicId }, after: { action: opts.action, ok: error === null } });
  await getRedis().del(redisKey('svc-status', svc.publicId));
  if (error) throw new AppError('unavailable', 'The server did not accept the command. Please try again in a minute.');
  return `${POWER_LABELS[opts.action]} sent.`;
}

export const POWER_LABELS: Record<PowerAction, string> = { boot: 'Boot', shutdown: 'Shut down', restart: 'Restart', poweroff: 'Power off' };

/** Live status and usage from the panel, cached briefly so a busy page does not hammer it; null when unknown. */
export async function liveServiceStatus(db: SfDb, serviceId: number): Promise<ServiceStatus | null> {
  const [svc] = await db.select({ publicId: services.publicId }).from(services).where(eq(services.id, serviceId));
  if (!svc) return null;
  const key = redisKey('svc-status', svc.publicId);
  const cached = await getRedis().get(key);
  if (cached) return JSON.parse(cached) as ServiceStatus;
  const found = await serviceModuleContext(db, serviceId, []);
  if (!found) return null;
  try {
    const status = await found.module.status(found.ctx);
    await getRedis().set(key, JSON.stringify(status), 'EX', STATUS_CACHE_SECONDS);
    return status;
  } catch {
    // A page showing status must never fail because a panel is down or answered oddly.
    return { state: 'unknown' };
  }
}

/** A link that signs the customer in to the panel, where the module has one. */
export async function panelSsoLink(db: SfDb, serviceId: number, actor: AuditActor): Promise<string> {
  const found = await serviceModuleContext(db, serviceId, []);
  if (!found?.module.ssoLink) throw new AppError('bad_request', 'This service has no panel sign-in.');
  const link = await found.module.ssoLink(found.ctx);
  await recordAudit(db, { actor, action: 'service.panel_sso', target: { type: 'service', id: found.ctx.service.externalId } });
  return link;
}

/**
 * The service's generated login, only after the person proves it is them again — with their password, or a code
 * from their authenticator app if they have one — never in an email or a log. Audited.
 */
export async function revealServiceCredentials(
  db: SfDb,
  opts: { storefrontId: number; serviceId: number; personId: number; password: string; actor: AuditActor },
): Promise<{ username: string; password: string }> {
  const limit = await consumeRateLimit({ rule: RATE_LIMITS.revealCredentialsPerPerson, storefrontId: opts.storefrontId, subject: String(opts.personId) });
  if (!limit.allowed) throw new AppError('rate_limited', 'Too many attempts; try again later.');
  const proof = opts.password.trim();
  const principal = { type: 'customer' as const, id: opts.personId };
  const byCode = /^\d{6}$/.test(proof) && (await hasConfirmedTotp(db, principal)) && (await verifyTotpCode(db, { principal, code: proof }));
  if (!byCode) {
    const [person] = await db.select({ hash: customers.passwordHash }).from(customers).where(eq(customers.id, opts.personId));
    if (!person?.hash || !(await verifyPassword(opts.password, person.hash))) throw new AppError('forbidden', 'That password or code is not right.');
  }
  const [svc] = await db.select({ publicId: services.publicId, credentials: services.credentials }).from(services).where(eq(services.id, opts.serviceId));
  if (!svc?.credentials) throw new AppError('not_found', 'This service has no stored login.');
  await recordAudit(db, { actor: opts.actor, action: 'service.credentials_viewed', target: { type: 'service', id: svc.publicId }, after: { confirmedWith: byCode ? 'authenticator' : 'password' } });
  return JSON.parse(decryptSecret(svc.credentials)) as { username: string; password: string };
}

/** Staff: try a failed request again (or provision a service that never was), as a new request. */
export async function retryProvisioning(db: StorefrontDb, opts: { serviceId: number; actor: AuditActor }): Promise<string> {
  return db.transaction(async (tx) => {
    const [svc] = await tx.select().from(services).where(eq(services.id, opts.serviceId)).for('update');
    if (!svc) throw new AppError('not_found', 'No such service.');
    const [last] = await tx.select().from(provisioningRequests).where(eq(provisioningRequests.serviceId, svc.id)).orderBy(desc(provisioningRequests.id)).limit(1);
    if (last && (last.status === 'queued' || last.status === 'running')) throw new AppError('conflict', 'A request for this service is already under way.');
    const action = last?.status === 'failed' ? last.action : 'provision';
    const id = await requestProvisioning(tx, { serviceId: svc.id, action, requestedBy: opts.actor.label ?? 'staff' });
    if (!id) throw new AppError('bad_request', 'This service’s plan has no provisioning module.');
    await recordAudit(tx, { actor: opts.actor, action: 'service.provisioning_retried', target: { type: 'service', id: svc.publicId }, after: { action } });
    return `${action.replace('_', ' ')} queued again.`;
  });
}

export const completeByHandSchema = z.object({
  panelRef: z.string().trim().min(1, 'is required').max(255),
  ips: z
    .string()
    .trim()
    .max(500)
    .transform((s) => s.split(/[\s,]+/).filter(Boolean)),
  hostname: z.string().trim().max(255).optional(),
  username: z.string().trim().max(120).optional(),
  password: z.string().max(255).optional(),
});

/** Staff finish a service by hand (the panel was set up outside us): details stored, open requests closed. */
export async function completeProvisioningByHand(db: StorefrontDb, opts: { serviceId: number; input: z.input<typeof completeByHandSchema>; actor: AuditActor }): Promise<void> {
  const parsed = completeByHandSchema.safeParse(opts.input);
  if (!parsed.success) throw new AppError('bad_request', 'Check the highlighted fields.', fieldErrorsOf(parsed.error));
  const input = parsed.data;
  if (Boolean(input.username) !== Boolean(input.password)) throw new AppError('bad_request', 'Give both a username and a password, or neither.', { password: ['goes with the username'] });
  await db.transaction(async (tx) => {
    const [svc] = await tx.select().from(services).where(eq(services.id, opts.serviceId)).for('update');
    if (!svc) throw new AppError('not_found', 'No such service.');
    if (svc.status === 'terminated' || svc.status === 'cancelled') throw new AppError('conflict', `A ${svc.status} service can’t be set up.`);
    const details = { ...((svc.details ?? {}) as ServiceDetails), ips: input.ips, ...(input.hostname ? { hostname: input.hostname } : {}) };
    await tx
      .update(services)
      .set({
        panelRef: input.panelRef,
        details,
        provisioningStatus: 'active',
        provisioningError: null,
        provisionedAt: new Date(),
        ...(input.username && input.password ? { credentials: encryptSecret(JSON.stringify({ username: input.username, password: input.password })) } : {}),
      })
      .where(eq(services.id, svc.id));
    await tx
      .update(provisioningRequests)
      .set({ status: 'done', lastError: 'completed by hand', finishedAt: new Date() })
      .where(and(eq(provisioningRequests.serviceId, svc.id), eq(provisioningRequests.action, 'provision'), inArray(provisioningRequests.status, ['queued', 'failed', 'waiting'])));
    await recordAudit(tx, { actor: opts.actor, action: 'service.provisioned_by_hand', target: { type: 'service', id: svc.publicId }, after: { panelRef: input.panelRef, ips: input.ips, hostname: input.hostname ?? null, loginStored: Boolean(input.username && input.password) } });
  });
}

export const hardwareServerIdSchema = z.string().trim().regex(/^\d{1,12}$/, 'must be the panel’s server id');

/** Staff pick a server for a dedicated order waiting for hardware; provisioning then carries on by itself. */
export async function assignHardware(db: StorefrontDb, opts: { serviceId: number; serverId: string; actor: AuditActor }): Promise<void> {
  const parsed = hardwareServerIdSchema.safeParse(opts.serverId);
  if (!parsed.success) throw new AppError('bad_request', 'Check the server id.', { serverId: [parsed.error.issues[0]?.message ?? 'is invalid'] });
  const serverId = parsed.data;
  await db.transaction(async (tx) => {
    const [svc] = await tx.select().from(services).where(eq(services.id, opts.serviceId)).for('update');
    if (!svc) throw new AppError('not_found', 'No such service.');
    if (svc.provisioningStatus !== 'awaiting_hardware' && svc.provisioningStatus !== 'failed') throw new AppError('conflict', 'This service is not waiting for hardware.');
    await tx.update(services).set({ details: { ...((svc.details ?? {}) as ServiceDetails), assignedServerId: serverId } }).where(eq(services.id, svc.id));
    await tx.update(provisioningRequests).set({ status: 'done', lastError: 'replaced by a hardware assignment', finishedAt: new Date() }).where(and(eq(provisioningRequests.serviceId, svc.id), eq(provisioningRequests.status, 'waiting')));
    await requestProvisioning(tx, { serviceId: svc.id, action: 'provision', requestedBy: opts.actor.label ?? 'staff' });
    await recordAudit(tx, { actor: opts.actor, action: 'service.hardware_assigned', target: { type: 'service', id: svc.publicId }, after: { serverId } });
  });
}

/** The newest provisioning log lines of a service, for the admin service page. */
export async function listProvisioningLog(db: SfDb, serviceId: number, limit = 100) {
  return db.select().from(provisioningLog).where(eq(provisioningLog.serviceId, serviceId)).orderBy(desc(provisioningLog.id)).limit(limit);
}

/** Services waiting for hardware, oldest first, for the admin queue. */
export async function listAwaitingHardware(db: SfDb) {
  return db
    .select({ service: services, customerEmail: customers.email, planName: plans.name })
    .from(services)
    .innerJoin(customers, eq(customers.id, services.customerId))
    .innerJoin(plans, eq(plans.id, services.planId))
    .where(eq(services.provisioningStatus, 'awaiting_hardware'))
    .orderBy(services.id);
}
