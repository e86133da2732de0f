import { z } from 'zod';
import { createKasmClient, kasmCredentialsSchema, sameKasmId, type KasmClient, type KasmImage, type KasmSession, type KasmUser } from '@/lib/integrations/kasm/client';
import { type ModuleContext, type ProvisioningModule, ProvisioningError, type ServiceDetails, type ServiceStatus } from '../module';

// Kasm Workspaces (cloud desktops). A service is one Kasm user named after our service id; the customer starts and
// ends its sessions ("kasms") of the plan's workspace image from the service page, and the time they run is
// billed. So create makes (or adopts) that user and nothing more, and its user_id is the panel ref. Suspension
// disables the user, signs it out of Kasm's web app (a session link signs the browser in) and ends its sessions;
// termination ends them and deletes the user. Kasm has no external-id field, so the username is how a retry after
// a lost answer finds the user it made.

const planSettingsSchema = z.object({
  imageId: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F-]{32,36}$/, "must be a Kasm workspace image id (pick one from the panel's images)"),
  /** Staff's cap on one session: the tracker ends a session that has run this long (left out, no cap). */
  maxSessionMinutes: z.coerce.number().int('must be whole minutes').min(15, 'must be at least 15 minutes').max(10_080, 'must be at most a week (10080 minutes)').optional(),
});
type PlanSettings = z.infer<typeof planSettingsSchema>;

const optionsSchema = z.object({});

/** Listing images for a form should not hold the page for the full call timeout when the panel is down. */
const CHOICES_TIMEOUT_MS = 8_000;

function settings(raw: Record<string, unknown>): PlanSettings {
  const parsed = planSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new ProvisioningError(`Kasm plan settings are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, false);
  return parsed.data;
}

const imageLabel = (i: KasmImage) => i.friendly_name || i.name || i.image_id;

/** The plan's image, which must exist and be enabled on the server: checked before anything is made. */
async function requireImage(client: KasmClient, imageId: string): Promise<KasmImage> {
  const images = await client.getImages();
  const image = images.find((i) => sameKasmId(i.image_id, imageId));
  if (!image) throw new ProvisioningError(`Kasm has no workspace image ${imageId} (has: ${images.map(imageLabel).join(', ') || 'none'})`, false, 404);
  if (image.enabled === false) throw new ProvisioningError(`The Kasm workspace image ${imageLabel(image)} is disabled on the server; enable it or pick another for the plan`, false);
  return image;
}

function splitName(name: string): { firstName: string; lastName: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return { firstName: (words[0] ?? 'Customer').slice(0, 64), lastName: (words.slice(1).join(' ') || 'Customer').slice(0, 64) };
}

/** The service's user: by the remembered id, else by the username we give it. Null when Kasm has neither. */
async function findUser(client: KasmClient, ctx: ModuleContext): Promise<KasmUser | null> {
  if (ctx.service.panelRef) {
    const byId = await client.getUser({ userId: ctx.service.panelRef });
    if (byId) return byId;
  }
  return client.getUser({ username: ctx.service.externalId });
}

async function requireUser(client: KasmClient, ctx: ModuleContext, action: string): Promise<KasmUser> {
  const user = await findUser(client, ctx);
  if (!user) throw new ProvisioningError(`Kasm: cannot ${action}, there is no user ${ctx.service.externalId} on the server`, false, 404);
  return user;
}

/** Ends every session of the user; one already gone by the time we get to it counts as ended. */
async function endSessions(client: KasmClient, user: KasmUser): Promise<number> {
  const sessions = await client.getUserKasms(user.user_id);
  for (const k of sessions) await client.destroyKasm(k.kasm_id, user.user_id);
  return sessions.length;
}

function details(ctx: ModuleContext, user: KasmUser, extra: ServiceDetails = {}): ServiceDetails {
  return { ...ctx.service.details, kasmUserId: user.user_id, kasmUsername: user.username, ...extra };
}

function sessionState(user: KasmUser, sessions: KasmSession[]): ServiceStatus['state'] {
  if (user.disabled) return 'suspended';
  const states = sessions.map((s) => (s.operational_status ?? '').toLowerCase());
  if (states.includes('running')) return 'running';
  if (states.some((s) => s === 'starting' || s === 'provisioning' || s === 'assigned' || s === 'requested')) return 'building';
  return 'stopped';
}

export const kasmModule: ProvisioningModule = {
  key: 'kasm',
  label: 'Kasm Workspaces',
  serviceTypes: ['cloud_desktop'],
  planSettingsSchema,
  orderFields: [],
  credentialsSchema: kasmCredentialsSchema,
  optionsSchema,
  powerActions: [],

  async testConnection(panel, log) {
    try {
      const images = await createKasmClient(panel, log).getImages();
      const enabled = images.filter((i) => i.enabled !== false).length;
      return { ok: true, message: `Connected to Kasm Workspaces: ${images.length} workspace image${images.length === 1 ? '' : 's'}, ${enabled} enabled.` };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  },

  async planSettingChoices(panel, log) {
    const images = await createKasmClient(panel, log, { timeoutMs: CHOICES_TIMEOUT_MS }).getImages();
    const options = images
      .filter((i) => i.enabled !== false)
      .map((i) => ({ value: i.image_id, label: i.name ? `${imageLabel(i)} (${i.name})` : imageLabel(i) }))
      .sort((a, b) => a.label.localeCompare(b.label));
    return [{ key: 'imageId', label: 'Workspace image', help: 'What every session of this plan starts; enabled images of the panel.', options }];
  },

  async create(ctx) {
    const plan = settings(ctx.service.planSettings);
    const client = createKasmClient(ctx.panel, ctx.log);
    const { customer, externalId } = ctx.service;
    // Checked first, so a plan naming a missing image leaves no user behind.
    const image = await requireImage(client, plan.imageId);

    let user = await findUser(client, ctx);
    if (!user) {
      try {
        // No password of ours: customers reach their desktops through per-session links, never by signing in.
        user = await client.createUser({ username: externalId, ...splitName(customer.name), organization: customer.externalId });
      } catch (err) {
        // A parallel attempt may have made the user between our lookup and our create.
        user = await client.getUser({ username: externalId });
        if (!user) throw err;
      }
    }
    if (ctx.service.panelRef !== user.user_id) await ctx.rememberPanelRef(user.user_id);
    // An adopted user left disabled (a suspension that never finished, a terminate that only got halfway) is usable again.
    if (user.disabled) user = await client.updateUser(user, { disabled: false });
    return { status: 'active', panelRef: user.user_id, details: details(ctx, user, { workspace: imageLabel(image) }) };
  },

  async suspend(ctx) {
    const client = createKasmClient(ctx.panel, ctx.log);
    const user = await requireUser(client, ctx, 'suspend');
    // Disabled first, so no new session can start while the running ones are ended.
    if (!user.disabled) await client.updateUser(user, { disabled: true });
    await client.logoutUser(user.user_id);
    await endSessions(client, user);
  },

  async unsuspend(ctx) {
    const client = createKasmClient(ctx.panel, ctx.log);
    const user = await requireUser(client, ctx, 'unsuspend');
    if (user.disabled) await client.updateUser(user, { disabled: false });
  },

  async terminate(ctx) {
    const client = createKasmClient(ctx.panel, ctx.log);
    const user = await findUser(client, ctx);
    if (!user) return;
    // Ended one by one before the forced delete, so each end is in the provisioning log.
    await endSessions(client, user);
    await client.deleteUser(user.user_id, true);
  },

  async changePackage(ctx, newPlanSettings) {
    // Nothing on the server changes: the next session starts the new plan's image, running ones keep theirs.
    const plan = settings(newPlanSettings);
    const client = createKasmClient(ctx.panel, ctx.log);
    await requireImage(client, plan.imageId);
    await requireUser(client, ctx, 'change the plan');
  },

  async status(ctx): Promise<ServiceStatus> {
    const client = createKasmClient(ctx.panel, ctx.log);
    const user = await findUser(client, ctx);
    if (!user) return { state: 'missing' };
    const sessions = await client.getUserKasms(user.user_id);
    return { state: sessionState(user, sessions), details: details(ctx, user, { sessions: sessions.length }) };
  },
};
