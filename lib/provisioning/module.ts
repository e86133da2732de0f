import type { z } from 'zod';
import type { ServiceType } from '@/db/schema/storefront';
import type { OrderFieldSpec } from './order-fields';
import type { PanelHttpLog } from './panel-http';

// Its own file so panel-http can throw it without importing this contract (which imports panel-http's types).
export { ProvisioningError } from './provisioning-error';

// The contract every control-panel module (VirtFusion, Pterodactyl, SynergyCP, Enhance, …) implements. The
// pipeline (lib/provisioning/run-request.ts) owns retries, state, logs and credentials storage; a module only
// talks to its panel. Every operation must be safe to repeat: `create` first looks the resource up by our external
// id and adopts what it finds, so a retry after a crash never makes a second server.

export type ModuleKey = 'virtfusion' | 'pterodactyl' | 'synergycp' | 'enhance' | 'kasm';

/** A registered panel as a module sees it: credentials already opened. */
export interface PanelConnection {
  /** Base URL as staff entered it, e.g. https://vf.example.com (the module appends its API path). */
  url: string;
  /** Module-specific secrets, e.g. { apiToken } or { apiKey, clientKey }. */
  credentials: Record<string, string>;
  /** Module-specific non-secret options, e.g. { organizationId } for Enhance. */
  options: Record<string, unknown>;
}

/** What a module is told about the service it acts on. */
export interface ModuleService {
  /** Our service public id: the external id on the panel (Pterodactyl external_id, VirtFusion extRelationId…). */
  externalId: string;
  label: string;
  customer: { externalId: string; email: string; name: string };
  /** The plan's module settings, already parsed with the module's `planSettingsSchema`. */
  planSettings: Record<string, unknown>;
  /** The order-time fields (hostname, os, domain, server name…). */
  orderFields: Record<string, string>;
  /** The panel's id for this service once known (null before the first successful create). */
  panelRef: string | null;
  /** What the module stored last time (see ServiceDetails). */
  details: ServiceDetails;
}

export interface ModuleContext {
  panel: PanelConnection;
  service: ModuleService;
  /** Every HTTP exchange goes through panelHttp with this log, so the provisioning log sees it (secrets removed). */
  log: PanelHttpLog;
  /** Called as soon as the panel's id is known, before any further call: a crash after it leaves a trace to adopt. */
  rememberPanelRef: (panelRef: string) => Promise<void>;
  /**
   * Stores the customer's login (encrypted, never logged) at once. Called before a password we generate is sent to
   * the panel, or right after the panel hands one back, so a crash can never lose a password the panel holds. An
   * adopted login is not remembered again. null forgets what was stored: the panel refused our password and the
   * module adopts a login whose password we never knew.
   */
  rememberCredentials: (credentials: { username: string; password: string } | null) => Promise<void>;
}

/** Facts about the running service shown to the customer and staff. Nothing secret goes here. */
export interface ServiceDetails {
  ips?: string[];
  hostname?: string;
  os?: string;
  /** "play.example.com:25565" for game servers. */
  connectAddress?: string;
  domain?: string;
  /** Panel user name, if the customer signs in to the panel themselves. */
  username?: string;
  panelUrl?: string;
  /** Free-form specs for dedicated servers ("2× Xeon E5-2680, 128 GB, 2× 1 TB NVMe"). */
  specs?: string;
  [key: string]: unknown;
}

export type CreateResult =
  | { status: 'active'; panelRef: string; details: ServiceDetails }
  /** The panel is still building (VirtFusion build, Pterodactyl install): the pipeline polls `status` until ready. */
  | { status: 'building'; panelRef: string; details: ServiceDetails }
  /** Dedicated servers with no free hardware: the service waits for staff to assign a server. */
  | { status: 'awaiting_hardware'; reason: string };

export type PowerAction = 'boot' | 'shutdown' | 'restart' | 'poweroff';

export interface ServiceStatus {
  state: 'running' | 'stopped' | 'suspended' | 'building' | 'missing' | 'unknown';
  details?: ServiceDetails;
  usage?: {
    cpuPercent?: number;
    memoryBytes?: number;
    memoryLimitBytes?: number;
    diskBytes?: number;
    diskLimitBytes?: number;
    bandwidthBytes?: number;
    bandwidthLimitBytes?: number;
  };
}

/** A plan setting staff pick from a list the panel gives (Kasm's workspace images), rather than type in. */
export interface PlanSettingChoice {
  /** The key in the plan's module settings. */
  key: string;
  label: string;
  help?: string;
  options: { value: string; label: string }[];
}

export interface ProvisioningModule {
  key: ModuleKey;
  label: string;
  serviceTypes: ServiceType[];
  /** Plan settings staff fill in (package id, egg, limits, plan id…). */
  planSettingsSchema: z.ZodType<Record<string, unknown>>;
  /**
   * What the order form asks for (hostname, domain, server name…), passed back as `ctx.service.orderFields`. The
   * catalog and checkout validate with these; `create` still checks what it relies on, as older orders predate them.
   */
  orderFields: OrderFieldSpec[];
  /** Panel credentials and options staff enter when registering a panel. */
  credentialsSchema: z.ZodType<Record<string, string>>;
  optionsSchema: z.ZodType<Record<string, unknown>>;
  powerActions: PowerAction[];
  testConnection(panel: PanelConnection, log: PanelHttpLog): Promise<{ ok: boolean; message: string }>;
  /** The plan settings staff choose from a panel's own list, read live from one panel of the module. */
  planSettingChoices?(panel: PanelConnection, log: PanelHttpLog): Promise<PlanSettingChoice[]>;
  create(ctx: ModuleContext): Promise<CreateResult>;
  suspend(ctx: ModuleContext): Promise<void>;
  unsuspend(ctx: ModuleContext): Promise<void>;
  /** Removes the resource; a resource already gone counts as done. */
  terminate(ctx: ModuleContext): Promise<void>;
  changePackage(ctx: ModuleContext, newPlanSettings: Record<string, unknown>): Promise<void>;
  status(ctx: ModuleContext): Promise<ServiceStatus>;
  power?(ctx: ModuleContext, action: PowerAction): Promise<void>;
  /** A link that signs the customer in to the panel without a password (real single sign-on). */
  ssoLink?(ctx: ModuleContext): Promise<string>;
  /** For panels without SSO: a plain link to the resource on the panel, where the customer signs in themselves. */
  panelLink?(ctx: ModuleContext): Promise<string>;
}
