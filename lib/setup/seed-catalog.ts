import { eq, inArray } from 'drizzle-orm';
import type { StorefrontDb, StorefrontTx } from '@/lib/db/connection';
import type { ModuleKey } from '@/lib/provisioning/module';
import { SANDBOX_KASM_IMAGE_IDS as KASM } from '@/lib/setup/sandbox-kasm-images';
import { seedKasmMeters } from '@/lib/setup/seed-kasm-meters';
import { ensureTaxRules, euStandardVatRules, type TaxRuleSeed } from '@/lib/tax/admin/seed-eu-vat-rules';
import {
  configOptionGroupPlans,
  configOptionGroups,
  configOptionPrices,
  configOptions,
  configOptionValues,
  couponAmounts,
  coupons,
  locations,
  planLocations,
  planPrices,
  plans,
  productGroups,
  type BillingCycle,
  type OptionType,
  type ServiceType,
} from '@/db/schema/storefront';

/** Minor units in USD, EUR, GBP. Each currency is priced on its own: nothing here is an exchange-rate conversion. */
type Amounts = readonly [usd: number, eur: number, gbp: number];
type CyclePrices = Partial<Record<BillingCycle, Amounts>>;

interface SeedPlan {
  slug: string;
  name: string;
  features: string[];
  settings: Record<string, unknown>;
  prices: CyclePrices;
  setup?: CyclePrices;
  stock?: number;
  description?: string;
}

interface SeedLine {
  group: string;
  serviceType: ServiceType;
  module: ModuleKey | null;
  locations: string[];
  optionGroup?: SeedOptionGroup;
  plans: SeedPlan[];
}

const LOCATIONS = [
  { code: 'nyc', name: 'New York', country: 'US', city: 'New York' },
  { code: 'fra', name: 'Frankfurt', country: 'DE', city: 'Frankfurt am Main' },
  { code: 'ams', name: 'Amsterdam', country: 'NL', city: 'Amsterdam' },
  { code: 'lon', name: 'London', country: 'GB', city: 'London' },
];

interface SeedOption {
  code: string;
  name: string;
  type: OptionType;
  quantity?: { min: number; max: number; step: number };
  required?: boolean;
  /** Monthly price per value (per unit for quantity, for "yes" for yes/no); longer cycles multiply it. */
  values: { code: string; label: string; monthly: Amounts }[];
}

const FREE: Amounts = [0, 0, 0];

interface SeedOptionGroup {
  name: string;
  description: string;
  /** The cycles of the plans it is attached to. */
  cycles: BillingCycle[];
  options: SeedOption[];
}

const VPS_EXTRAS: SeedOptionGroup = {
  name: 'VPS extras',
  description: 'Operating system, extra addresses and backups for virtual servers.',
  cycles: ['monthly', 'quarterly', 'semiannual', 'annual'],
  options: [
    { code: 'os', name: 'Operating system', type: 'dropdown', required: true, values: [
      { code: 'ubuntu-24-04', label: 'Ubuntu 24.04', monthly: FREE },
      { code: 'debian-12', label: 'Debian 12', monthly: FREE },
      { code: 'rocky-9', label: 'Rocky Linux 9', monthly: FREE },
      { code: 'windows-2022', label: 'Windows Server 2022', monthly: [1500, 1400, 1200] },
    ] },
    { code: 'extra-ipv4', name: 'Extra IPv4 addresses', type: 'quantity', quantity: { min: 0, max: 8, step: 1 }, values: [{ code: 'unit', label: 'IPv4 address', monthly: [300, 300, 250] }] },
    { code: 'backups', name: 'Automated backups', type: 'yes_no', values: [{ code: 'yes', label: 'Daily backups, 7 days kept', monthly: [500, 500, 400] }] },
  ],
};

const DEDICATED_EXTRAS: SeedOptionGroup = {
  name: 'Dedicated extras',
  description: 'Memory upgrades and additional address space for dedicated servers.',
  cycles: ['monthly', 'quarterly', 'annual'],
  options: [
    { code: 'ram', name: 'RAM upgrade', type: 'dropdown', required: true, values: [
      { code: 'none', label: 'No upgrade', monthly: FREE },
      { code: 'plus-32gb', label: '+32 GB', monthly: [2000, 1800, 1600] },
      { code: 'plus-64gb', label: '+64 GB', monthly: [3500, 3200, 2800] },
      { code: 'plus-128gb', label: '+128 GB', monthly: [6000, 5500, 4800] },
    ] },
    { code: 'ipv4-29', name: 'Extra IPv4 /29 block', type: 'yes_no', values: [{ code: 'yes', label: '/29 block (5 usable addresses)', monthly: [1000, 900, 800] }] },
  ],
};

// Plan prices: monthly, then longer cycles at 5 % (quarterly), 8 % (semiannual) and 15 % (annual) off, written out
// literally per currency; web hosting takes 15/20/25 % off annual/biennial/triennial.
const LINES: SeedLine[] = [
  {
    group: 'vps',
    serviceType: 'vps',
    module: 'virtfusion',
    locations: ['nyc', 'fra', 'ams', 'lon'],
    optionGroup: VPS_EXTRAS,
    plans: [
      { slug: 'vps-starter', name: 'VPS Starter', features: ['1 vCPU', '2 GB RAM', '40 GB NVMe', '2 TB transfer'], settings: { packageId: 1, hypervisorGroupId: 1 },
        prices: { monthly: [600, 600, 500], quarterly: [1710, 1710, 1425], semiannual: [3312, 3312, 2760], annual: [6120, 6120, 5100] } },
      { slug: 'vps-standard', name: 'VPS Standard', features: ['2 vCPU', '4 GB RAM', '80 GB NVMe', '4 TB transfer'], settings: { packageId: 2, hypervisorGroupId: 1 },
        prices: { monthly: [1200, 1100, 1000], quarterly: [3420, 3135, 2850], semiannual: [6624, 6072, 5520], annual: [12240, 11220, 10200] } },
      { slug: 'vps-performance', name: 'VPS Performance', features: ['4 vCPU', '8 GB RAM', '160 GB NVMe', '6 TB transfer'], settings: { packageId: 3, hypervisorGroupId: 1 },
        prices: { monthly: [2400, 2200, 1900], quarterly: [6840, 6270, 5415], semiannual: [13248, 12144, 10488], annual: [24480, 22440, 19380] } },
      { slug: 'vps-pro', name: 'VPS Pro', features: ['8 vCPU', '32 GB RAM', '320 GB NVMe', '10 TB transfer'], settings: { packageId: 5, hypervisorGroupId: 1 },
        prices: { monthly: [6400, 5900, 5100], quarterly: [18240, 16815, 14535], semiannual: [35328, 32568, 28152], annual: [65280, 60180, 52020] } },
    ],
  },
  {
    group: 'dedicated',
    serviceType: 'dedicated',
    module: 'synergycp',
    locations: ['nyc', 'fra'],
    optionGroup: DEDICATED_EXTRAS,
    // The setup fee is waived on annual terms.
    plans: [
      { slug: 'ded-xeon-e3', name: 'Xeon E3-1230 v6', stock: 5, features: ['4 cores / 8 threads', '32 GB DDR4', '2 × 480 GB SSD', '1 Gbps unmetered'], settings: { groupId: 1, minRamGb: 32 },
        prices: { monthly: [7900, 7300, 6300], quarterly: [22515, 20805, 17955], annual: [80580, 74460, 64260] },
        setup: { monthly: [4900, 4500, 3900], quarterly: [4900, 4500, 3900] } },
      { slug: 'ded-dual-e5', name: 'Dual Xeon E5-2680 v4', stock: 4, features: ['28 cores / 56 threads', '128 GB DDR4', '2 × 1.92 TB NVMe', '1 Gbps unmetered'], settings: { groupId: 1, minRamGb: 128 },
        prices: { monthly: [14900, 13900, 11900], quarterly: [42465, 39615, 33915], annual: [151980, 141780, 121380] },
        setup: { monthly: [9900, 9200, 7900], quarterly: [9900, 9200, 7900] } },
      { slug: 'ded-epyc-7443p', name: 'AMD EPYC 7443P', stock: 3, features: ['24 cores / 48 threads', '256 GB DDR4 ECC', '2 × 3.84 TB NVMe', '10 Gbps port'], settings: { groupId: 1, minRamGb: 256 },
        prices: { monthly: [29900, 27900, 23900], quarterly: [85215, 79515, 68115], annual: [304980, 284580, 243780] },
        setup: { monthly: [14900, 13900, 11900], quarterly: [14900, 13900, 11900] } },
    ],
  },
  {
    group: 'web-hosting',
    serviceType: 'web_hosting',
    module: 'enhance',
    locations: ['nyc', 'ams'],
    plans: [
      { slug: 'web-starter', name: 'Web Starter', features: ['1 website', '10 GB NVMe storage', '10 mailboxes', 'Free SSL', 'Daily backups'], settings: { planId: 1 },
        prices: { monthly: [399, 369, 329], annual: [4070, 3764, 3356], biennial: [7661, 7085, 6317], triennial: [10773, 9963, 8883] } },
      { slug: 'web-business', name: 'Web Business', features: ['10 websites', '50 GB NVMe storage', 'Unlimited mailboxes', 'Free SSL', 'Daily backups'], settings: { planId: 2 },
        prices: { monthly: [899, 829, 749], annual: [9170, 8456, 7640], biennial: [17261, 15917, 14381], triennial: [24273, 22383, 20223] } },
      { slug: 'web-agency', name: 'Web Agency', features: ['Unlimited websites', '200 GB NVMe storage', 'Unlimited mailboxes', 'Staging sites', 'Hourly backups'], settings: { planId: 3 },
        prices: { monthly: [1999, 1849, 1649], annual: [20390, 18860, 16820], biennial: [38381, 35501, 31661], triennial: [53973, 49923, 44523] } },
    ],
  },
  {
    group: 'game-servers',
    serviceType: 'game_server',
    module: 'pterodactyl',
    locations: ['nyc', 'fra'],
    plans: [
      { slug: 'minecraft-4gb', name: 'Minecraft 4 GB', features: ['4 GB RAM', '20 GB NVMe', 'Paper, Forge or Fabric', 'Up to 20 players'], settings: { nestId: 1, eggId: 1, locationId: 1, memoryMb: 4096, diskMb: 20480, cpuPercent: 200 },
        prices: { monthly: [800, 750, 650], quarterly: [2280, 2138, 1853] } },
      { slug: 'minecraft-8gb', name: 'Minecraft 8 GB', features: ['8 GB RAM', '40 GB NVMe', 'Modpacks welcome', 'Up to 50 players'], settings: { nestId: 1, eggId: 1, locationId: 1, memoryMb: 8192, diskMb: 40960, cpuPercent: 300 },
        prices: { monthly: [1600, 1500, 1300], quarterly: [4560, 4275, 3705] } },
      { slug: 'rust-server', name: 'Rust', features: ['10 GB RAM', '40 GB NVMe', 'Oxide/uMod ready', 'Up to 100 players'], settings: { nestId: 2, eggId: 3, locationId: 2, memoryMb: 10240, diskMb: 40960, cpuPercent: 400 },
        prices: { monthly: [2200, 2000, 1800], quarterly: [6270, 5700, 5130] } },
      { slug: 'valheim-server', name: 'Valheim', features: ['6 GB RAM', '15 GB NVMe', 'BepInEx ready', 'Up to 10 players'], settings: { nestId: 2, eggId: 3, locationId: 2, memoryMb: 6144, diskMb: 15360, cpuPercent: 200 },
        prices: { monthly: [1200, 1100, 950], quarterly: [3420, 3135, 2708] } },
    ],
  },
  {
    group: 'cloud-desktops',
    serviceType: 'cloud_desktop',
    // Each plan's imageId is an image of the sandbox's Kasm stand-in; on a real server staff pick the plan's image again.
    module: 'kasm',
    locations: ['nyc', 'fra'],
    // Hourly rates, billed in 15-minute increments of running time.
    plans: [
      { slug: 'kasm-developer-basic', name: 'Developer Basic', features: ['2 vCPU', '4 GB RAM', 'Linux desktop with VS Code'], settings: { imageId: KASM.vsCode, workspace: 'developer', cores: 2, memoryMb: 4096 }, prices: { hourly: [15, 14, 12] } },
      { slug: 'kasm-developer-pro', name: 'Developer Pro', features: ['4 vCPU', '8 GB RAM', 'Multiple IDEs and Docker'], settings: { imageId: KASM.ubuntuJammyDind, workspace: 'developer', cores: 4, memoryMb: 8192 }, prices: { hourly: [30, 28, 24] } },
      { slug: 'kasm-developer-enterprise', name: 'Developer Enterprise', features: ['8 vCPU', '16 GB RAM', 'Full development stack'], settings: { imageId: KASM.ubuntuJammyDesktop, workspace: 'developer', cores: 8, memoryMb: 16384 }, prices: { hourly: [60, 55, 48] } },
      { slug: 'kasm-business-basic', name: 'Business Basic', features: ['2 vCPU', '4 GB RAM', 'Browser and office apps'], settings: { imageId: KASM.chrome, workspace: 'business', cores: 2, memoryMb: 4096 }, prices: { hourly: [20, 19, 16] } },
      { slug: 'kasm-business-pro', name: 'Business Pro', features: ['4 vCPU', '8 GB RAM', 'Full office suite'], settings: { imageId: KASM.onlyOffice, workspace: 'business', cores: 4, memoryMb: 8192 }, prices: { hourly: [40, 37, 32] } },
      { slug: 'kasm-business-enterprise', name: 'Business Enterprise', features: ['8 vCPU', '16 GB RAM', 'Custom applications'], settings: { imageId: KASM.ubuntuJammyDesktop, workspace: 'business', cores: 8, memoryMb: 16384 }, prices: { hourly: [80, 74, 64] } },
    ],
  },
  {
    group: 'software-licenses',
    serviceType: 'software_license',
    module: null,
    locations: [],
    plans: [
      { slug: 'ezpanel-license', name: 'EZ Panel License', features: ['1 server activation', 'Updates included', 'Transferable between servers'], settings: { product: 'ezpanel', tier: 'standard', maxActivations: 1 },
        prices: { one_time: [19900, 18500, 15900], annual: [5900, 5500, 4700] } },
    ],
  },
  {
    group: 'api-products',
    serviceType: 'api_product',
    module: null,
    locations: [],
    plans: [
      { slug: 'geoip-api-standard', name: 'GeoIP API Standard', features: ['100,000 requests a month', '600 requests a minute', 'City-level accuracy'], settings: { requestsPerMonth: 100000, rateLimitPerMinute: 600 },
        prices: { monthly: [1900, 1800, 1500] } },
    ],
  },
];

/** Options are priced per month of the term, with no term discount. */
const CYCLE_MONTHS: Partial<Record<BillingCycle, number>> = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12, biennial: 24, triennial: 36 };

// The EU standard rates come from the tax module; these are the demo's non-EU places.
const EXTRA_TAX_RULES: TaxRuleSeed[] = [
  { country: 'GB', name: 'VAT', rateMilliPercent: 20000 },
  { country: 'US', region: 'NY', name: 'Sales tax', rateMilliPercent: 8875 },
];

type Tx = StorefrontTx;

function perCurrency([usd, eur, gbp]: Amounts): [currency: 'USD' | 'EUR' | 'GBP', amountMinor: number][] {
  return [
    ['USD', usd],
    ['EUR', eur],
    ['GBP', gbp],
  ];
}

function setupFee(setup: CyclePrices, cycle: BillingCycle, currency: string): number {
  const fees = setup[cycle];
  return fees ? (perCurrency(fees).find(([c]) => c === currency)?.[1] ?? 0) : 0;
}

function insertedId(rows: { id: number }[]): number {
  const [row] = rows;
  if (!row) throw new Error('Insert returned no id.');
  return row.id;
}

/** Hourly rates also fill ratePrecise, the column the usage biller reads sub-minor rates from. */
function priceRows(planId: number, prices: CyclePrices, setup: CyclePrices = {}) {
  return (Object.entries(prices) as [BillingCycle, Amounts][]).flatMap(([cycle, amounts]) =>
    perCurrency(amounts).map(([currency, amountMinor]) => ({
      planId,
      currency,
      cycle,
      amountMinor,
      setupFeeMinor: setupFee(setup, cycle, currency),
      ratePrecise: cycle === 'hourly' ? `${amountMinor}.000000` : null,
    })),
  );
}

async function seedLocations(tx: Tx): Promise<Map<string, number>> {
  await tx.insert(locations).ignore().values(LOCATIONS.map((l, i) => ({ ...l, sortOrder: (i + 1) * 10 })));
  const rows = await tx.select({ id: locations.id, code: locations.code }).from(locations).where(inArray(locations.code, LOCATIONS.map((l) => l.code)));
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Creates an option group with its options, values and prices unless a group of that name exists; returns its id. */
async function ensureOptionGroup(tx: Tx, def: SeedOptionGroup): Promise<number> {
  const [existing] = await tx.select({ id: configOptionGroups.id }).from(configOptionGroups).where(eq(configOptionGroups.name, def.name)).limit(1);
  if (existing) return existing.id;
  const groupId = insertedId(await tx.insert(configOptionGroups).values({ name: def.name, description: def.description }).$returningId());
  for (const [i, o] of def.options.entries()) {
    const optionId = insertedId(
      await tx
        .insert(configOptions)
        .values({
          groupId,
          code: o.code,
          name: o.name,
          type: o.type,
          minQuantity: o.quantity?.min ?? 0,
          maxQuantity: o.quantity?.max ?? 0,
          stepQuantity: o.quantity?.step ?? 1,
          required: o.required ?? false,
          sortOrder: (i + 1) * 10,
        })
        .$returningId(),
    );
    for (const [j, v] of o.values.entries()) {
      const valueId = insertedId(await tx.insert(configOptionValues).values({ optionId, code: v.code, label: v.label, sortOrder: (j + 1) * 10 }).$returningId());
      await tx.insert(configOptionPrices).values(
        def.cycles.flatMap((cycle) =>
          perCurrency(v.monthly).map(([currency, monthly]) => ({ valueId, currency, cycle, amountMinor: monthly * (CYCLE_MONTHS[cycle] ?? 1) })),
        ),
      );
    }
  }
  return groupId;
}

async function createPlan(tx: Tx, line: SeedLine, p: SeedPlan, groupId: number, sortOrder: number, locationIds: Map<string, number>): Promise<number> {
  const planId = insertedId(
    await tx
      .insert(plans)
      .values({
        groupId,
        slug: p.slug,
        name: p.name,
        description: p.description ?? null,
        features: p.features,
        serviceType: line.serviceType,
        provisioningModule: line.module,
        moduleSettings: p.settings,
        sortOrder,
        stockQuantity: p.stock ?? null,
      })
      .$returningId(),
  );
  await tx.insert(planPrices).values(priceRows(planId, p.prices, p.setup));
  const locs = line.locations.map((code) => locationIds.get(code)).filter((id): id is number => id !== undefined);
  if (locs.length) await tx.insert(planLocations).values(locs.map((locationId) => ({ planId, locationId })));
  return planId;
}

/**
 * Plans that already exist (by slug) are left exactly as they are, prices, locations and options included, so a
 * re-run never undoes an operator's edits; only missing plans are created, complete. An option group is looked up
 * by name (it has no other natural key) and created only when a plan that needs it is created.
 */
async function seedPlans(tx: Tx, locationIds: Map<string, number>): Promise<void> {
  const groups = await tx.select({ id: productGroups.id, slug: productGroups.slug }).from(productGroups);
  const groupIds = new Map(groups.map((g) => [g.slug, g.id]));
  const allSlugs = LINES.flatMap((l) => l.plans.map((p) => p.slug));
  const existing = new Set((await tx.select({ slug: plans.slug }).from(plans).where(inArray(plans.slug, allSlugs))).map((r) => r.slug));

  for (const line of LINES) {
    const groupId = groupIds.get(line.group);
    const missing = line.plans.filter((p) => !existing.has(p.slug));
    if (!groupId || missing.length === 0) continue;
    const optionGroupId = line.optionGroup ? await ensureOptionGroup(tx, line.optionGroup) : null;
    for (const p of missing) {
      const planId = await createPlan(tx, line, p, groupId, (line.plans.indexOf(p) + 1) * 10, locationIds);
      if (optionGroupId !== null) await tx.insert(configOptionGroupPlans).values({ groupId: optionGroupId, planId });
    }
  }
}

async function seedCoupons(tx: Tx): Promise<void> {
  const any = { planIds: [], groupIds: [], cycles: [], countries: [] };
  const existing = new Set((await tx.select({ code: coupons.code }).from(coupons).where(inArray(coupons.code, ['WELCOME10', 'SAVE5']))).map((c) => c.code));
  if (!existing.has('WELCOME10')) {
    await tx.insert(coupons).values({ code: 'WELCOME10', description: '10 % off your first invoice', type: 'percent', percentBp: 1000, duration: 'first_invoice', stackable: false, ...any });
  }
  if (!existing.has('SAVE5')) {
    const couponId = insertedId(
      await tx
        .insert(coupons)
        .values({ code: 'SAVE5', description: 'A fixed amount off each of your first three invoices', type: 'fixed', duration: 'recurring_cycles', recurringCycles: 3, stackable: true, ...any })
        .$returningId(),
    );
    await tx.insert(couponAmounts).values([
      { couponId, currency: 'USD', discountMinor: 500 },
      { couponId, currency: 'EUR', discountMinor: 500 },
      { couponId, currency: 'GBP', discountMinor: 400 },
    ]);
  }
}

/**
 * The demo catalog: locations, plans with USD/EUR/GBP prices, option groups, tax rules and two coupons. Runs in
 * one transaction and only ever adds what is missing (INSERT IGNORE on natural keys, look-ups by slug or name).
 */
export async function seedCatalog(db: StorefrontDb): Promise<void> {
  await db.transaction(async (tx) => {
    const locationIds = await seedLocations(tx);
    await seedPlans(tx, locationIds);
    await ensureTaxRules(tx, [...euStandardVatRules(), ...EXTRA_TAX_RULES], { type: 'system', label: 'seed:demo' });
    await seedCoupons(tx);
  });
  // After the catalog's transaction: setPlanMeter runs (and audits) in its own.
  await seedKasmMeters(db);
}
