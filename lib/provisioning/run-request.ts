import { and, eq, inArray, lt } from 'drizzle-orm';
import { customers, orderItems, panels, plans, provisioningRequests, services, type OrderItemSelection, type ProvisioningAction } from '@/db/schema/storefront';
import { dispatchAlert, raiseAlert } from '@/lib/alerts/raise-alert';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { dispatchEmail, queueEmail } from '@/lib/email/enqueue-email';
import { encryptSecret } from '@/lib/security/secret-box';
import { cleanUntrustedText } from '@/lib/security/untrusted-text';
import { areaUrl } from '@/lib/tenancy/area-url';
import { ProvisioningError, type CreateResult, type ModuleContext, type ProvisioningModule, type ServiceDetails } from './module';
import type { PanelHttpEntry } from './panel-http';
import { orderFieldsOf, writeProvisioningLog } from './provisioning-log';
import { choosePanel, panelConnection, type Panel } from './panels';
import { MODULE_KEYS, moduleFor, planModuleSettings } from './registry';

export type RunOutcome = 'done' | 'waiting' | 'failed' | 'missing';

export interface RunOptions {
  /** 1-based try of this request (the job's attempt). */
  attempt: number;
  /** The last try: a retryable failure now fails the request for good and alerts staff. */
  finalAttempt: boolean;
  actor?: AuditActor;
  /** How long to wait for a panel's build to finish within one try before backing off. */
  buildWaitMs?: number;
}

const SYSTEM: AuditActor = { type: 'system', label: 'provisioning' };
const POLL_MS = 1_000;

/**
 * Carries out one provisioning request. Safe to run again at any point: the request row says what is done, the
 * module adopts a resource it finds under our external id, and the panel's id is stored the moment it is known.
 * A retryable failure is thrown (the job backs off and retries) unless this is the final try; then, or on a failure
 * retrying cannot fix, the request fails, the service shows "being set up", and staff are alerted.
 */
export async function runProvisioningRequest(db: StorefrontDb, storefrontId: number, requestId: number, opts: RunOptions): Promise<RunOutcome> {
  const actor = opts.actor ?? SYSTEM;
  const [request] = await db.select().from(provisioningRequests).where(eq(provisioningRequests.id, requestId));
  if (!request) return 'missing';
  if (request.status === 'done' || request.status === 'failed' || request.status === 'waiting') return request.status;
  // Requests of one service run in order: a suspend never overtakes the create it belongs to.
  const [earlier] = await db
    .select({ id: provisioningRequests.id })
    .from(provisioningRequests)
    .where(and(eq(provisioningRequests.serviceId, request.serviceId), lt(provisioningRequests.id, request.id), inArray(provisioningRequests.status, ['queued', 'running'])))
    .limit(1);
  if (earlier) throw new ProvisioningError(`Waiting for request ${earlier.id} of the same service.`, true);

  const [row] = await db
    .select({ service: services, plan: plans, customer: customers, selection: orderItems.selection })
    .from(services)
    .innerJoin(plans, eq(plans.id, services.planId))
    .innerJoin(customers, eq(customers.id, services.customerId))
    .leftJoin(orderItems, eq(orderItems.id, services.orderItemId))
    .where(eq(services.id, request.serviceId));
  if (!row || !row.plan.provisioningModule) {
    await finish(db, request.id, 'done', null);
    return 'done';
  }
  const module = moduleFor(row.plan.provisioningModule);
  if (!module) {
    // Retrying cannot install a module: fail at once so staff see it, rather than ending "done" with nothing made.
    const message = `Plan ${row.plan.slug} names the provisioning module "${row.plan.provisioningModule}", which is not installed (installed: ${MODULE_KEYS.join(', ')}).`;
    await writeProvisioningLog(db, { serviceId: row.service.id, requestId: request.id, action: request.action, attempt: opts.attempt, actor, calls: [], error: message });
    await failRequest(db, storefrontId, { requestId: request.id, action: request.action, service: row.service, message, attempts: opts.attempt, actor });
    return 'failed';
  }
  await db.update(provisioningRequests).set({ status: 'running', attempts: request.attempts + 1 }).where(eq(provisioningRequests.id, request.id));
  if (request.action === 'provision') await db.update(services).set({ provisioningStatus: 'provisioning' }).where(eq(services.id, row.service.id));

  const calls: PanelHttpEntry[] = [];
  const started = performance.now();
  try {
    const outcome = await perform(db, storefrontId, request.action, module, row, calls, opts);
    await writeProvisioningLog(db, { serviceId: row.service.id, requestId: request.id, action: request.action, attempt: opts.attempt, actor, calls, error: null });
    await finish(db, request.id, outcome === 'waiting' ? 'waiting' : 'done', null);
    return outcome;
  } catch (err) {
    const retryable = err instanceof ProvisioningError ? err.retryable : true;
    const message = cleanUntrustedText(err instanceof Error ? err.message : String(err), 500);
    await writeProvisioningLog(db, { serviceId: row.service.id, requestId: request.id, action: request.action, attempt: opts.attempt, actor, calls, error: message, ms: Math.round(performance.now() - started) });
    if (retryable && !opts.finalAttempt) {
      await db.update(provisioningRequests).set({ status: 'queued', lastError: message }).where(eq(provisioningRequests.id, request.id));
      throw err;
    }
    await failRequest(db, storefrontId, { requestId: request.id, action: request.action, service: row.service, message, attempts: opts.attempt, actor });
    return 'failed';
  }
}

type Row = { service: typeof services.$inferSelect; plan: typeof plans.$inferSelect; customer: typeof customers.$inferSelect; selection: OrderItemSelection | null };

async function perform(db: StorefrontDb, storefrontId: number, action: ProvisioningAction, module: ProvisioningModule, row: Row, calls: PanelHttpEntry[], opts: RunOptions): Promise<'done' | 'waiting'> {
  const { placement, settings } = planModuleSettings(module, row.plan.moduleSettings);
  let panel: Panel | null = null;
  if (row.service.panelId) [panel = null] = await db.select().from(panels).where(eq(panels.id, row.service.panelId));
  if (!panel) {
    // Only a create may place a service; anything else on a service never placed has nothing to act on.
    if (action !== 'provision') return 'done';
    panel = await choosePanel(db, module.key, placement);
    if (!panel) throw new ProvisioningError(`No enabled ${module.label} panel with room for plan ${row.plan.slug}.`, false);
    await db.update(services).set({ panelId: panel.id }).where(eq(services.id, row.service.id));
  }
  const ctx: ModuleContext = {
    panel: panelConnection(panel),
    service: {
      externalId: row.service.publicId,
      label: row.service.label,
      customer: { externalId: row.customer.publicId, email: row.customer.email, name: row.customer.name },
      planSettings: settings,
      orderFields: orderFieldsOf(row.selection, row.service.details),
      panelRef: row.service.panelRef,
      details: (row.service.details ?? {}) as ServiceDetails,
    },
    log: (e) => calls.push(e),
    rememberPanelRef: async (panelRef) => {
      ctx.service.panelRef = panelRef;
      await db.update(services).set({ panelRef }).where(eq(services.id, row.service.id));
    },
    // Written on its own at once (not with the result), so a crash after the panel took the password can't lose it.
    rememberCredentials: async (credentials) => {
      await db.update(services).set({ credentials: credentials ? encryptSecret(JSON.stringify(credentials)) : null }).where(eq(services.id, row.service.id));
    },
  };
  if (action !== 'provision' && !ctx.service.panelRef) return 'done';
  switch (action) {
    case 'provision':
      return provision(db, storefrontId, module, ctx, row, opts);
    case 'suspend':
      await module.suspend(ctx);
      return 'done';
    case 'unsuspend':
      await module.unsuspend(ctx);
      return 'done';
    case 'terminate':
      await module.terminate(ctx);
      return 'done';
    case 'change_package':
      await module.changePackage(ctx, settings);
      return 'done';
  }
}

async function provision(db: StorefrontDb, storefrontId: number, module: ProvisioningModule, ctx: ModuleContext, row: Row, opts: RunOptions): Promise<'done' | 'waiting'> {
  const result: CreateResult = await module.create(ctx);
  if (result.status === 'awaiting_hardware') {
    await db.update(services).set({ provisioningStatus: 'awaiting_hardware', provisioningError: result.reason.slice(0, 500) }).where(eq(services.id, row.service.id));
    const alert = await raiseAlert(db, {
      severity: 'warning',
      category: 'provisioning',
      title: `Hardware needed for ${row.service.label}`,
      body: `${row.customer.email} ordered ${row.plan.name} and no free server matches: ${result.reason}. Assign one in the awaiting-hardware queue.`,
      dedupeKey: `awaiting-hardware:${row.service.id}`,
    });
    if (alert.created && alert.discordStatus === 'pending') await dispatchAlert(storefrontId, alert.id).catch(() => undefined);
    return 'waiting';
  }
  let details = { ...(ctx.service.details ?? {}), ...result.details };
  await db.update(services).set({ panelRef: result.panelRef, details, provisioningStatus: result.status === 'active' ? 'active' : 'building' }).where(eq(services.id, row.service.id));
  // What status() reports on top of, so it doesn't fall back to the raw order values.
  ctx.service.details = details;
  if (result.status === 'building') {
    const deadline = Date.now() + (opts.buildWaitMs ?? 60_000);
    for (;;) {
      const status = await module.status(ctx);
      if (status.state === 'running' || status.state === 'stopped') {
        details = { ...details, ...status.details };
        break;
      }
      if (status.state === 'missing') throw new ProvisioningError('The panel no longer has the server it was building.', true);
      if (Date.now() > deadline) throw new ProvisioningError('The panel is still building the server.', true);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
  await db.transaction(async (tx) => {
    await tx.update(services).set({ provisioningStatus: 'active', provisioningError: null, details, provisionedAt: new Date() }).where(eq(services.id, row.service.id));
    await recordAudit(tx, { actor: SYSTEM, action: 'service.provisioned', target: { type: 'service', id: row.service.publicId }, after: { panelRef: result.panelRef, module: module.key } });
    const mail = await queueEmail(tx, {
      to: row.customer.email,
      template: 'service-ready',
      props: { name: row.customer.name, serviceLabel: row.service.label, serviceUrl: await areaUrl(storefrontId, 'account', `/services/${row.service.publicId}`) },
      dedupeKey: `service-ready:${row.service.id}`,
    });
    if (mail.created) await dispatchEmail(storefrontId, mail.id).catch(() => undefined);
  });
  return 'done';
}

async function finish(db: StorefrontDb, requestId: number, status: 'done' | 'waiting' | 'failed', lastError: string | null): Promise<void> {
  await db.update(provisioningRequests).set({ status, lastError, finishedAt: status === 'waiting' ? null : new Date() }).where(eq(provisioningRequests.id, requestId));
}

async function failRequest(db: StorefrontDb, storefrontId: number, f: { requestId: number; action: ProvisioningAction; service: Row['service']; message: string; attempts: number; actor: AuditActor }): Promise<void> {
  const alertId = await db.transaction(async (tx) => {
    await tx.update(provisioningRequests).set({ status: 'failed', lastError: f.message, finishedAt: new Date() }).where(eq(provisioningRequests.id, f.requestId));
    if (f.action === 'provision') await tx.update(services).set({ provisioningStatus: 'failed', provisioningError: f.message }).where(eq(services.id, f.service.id));
    await recordAudit(tx, { actor: f.actor, action: 'service.provisioning_failed', target: { type: 'service', id: f.service.publicId }, after: { action: f.action, attempts: f.attempts, error: f.message } });
    const alert = await raiseAlert(tx, {
      severity: 'critical',
      category: 'provisioning',
      title: `Could not ${f.action.replace('_', ' ')} ${f.service.label}`,
      body: `After ${f.attempts} tr${f.attempts === 1 ? 'y' : 'ies'}: ${f.message}\nOpen the service in the admin panel to retry or complete it by hand.`,
      dedupeKey: `provisioning-failed:${f.requestId}`,
    });
    return alert.created && alert.discordStatus === 'pending' ? alert.id : null;
  });
  if (alertId) await dispatchAlert(storefrontId, alertId).catch(() => undefined);
}
