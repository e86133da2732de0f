import { eq } from 'drizzle-orm';
import type { StorefrontDb } from '@/lib/db/connection';
import { createCustomer } from '@/lib/customers/create-customer';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { migrateAll } from '@/lib/tenancy/migrate-all';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { customers, productGroups, staffUsers } from '@/db/schema/storefront';
import { env } from '@/lib/config/env';
import type { AuditActor } from '@/lib/audit/record-audit';
import { getCentralDb } from '@/lib/db/central';
import { saveResellerProgram } from '@/lib/resellers/programs/save-reseller-program';
import { resellerPrograms } from '@/db/schema/central';
import { AppError } from '@/lib/errors/app-error';
import { DEMO_ADMIN_EMAIL, DEMO_CUSTOMER_EMAIL, DEMO_PASSWORD } from './demo-logins';
import { ensureRetailStorefront } from './retail-storefront';
import { seedSandboxPanels } from './seed-panels';
import { seedCatalog } from './seed-catalog';
import { seedSellerDetails } from './seed-seller';

const DEMO_GROUPS = [
  ['vps', 'VPS', 'KVM virtual servers on NVMe with dedicated IPv4, deployed in under a minute.'],
  ['dedicated', 'Dedicated Servers', 'Bare-metal servers from our inventory, with IPMI and custom networking.'],
  ['web-hosting', 'Web Hosting', 'Managed web hosting with free SSL, email and daily backups.'],
  ['game-servers', 'Game Servers', 'Minecraft, Rust, Valheim and more on a game panel with instant setup.'],
  ['cloud-desktops', 'Cloud Desktops', 'Browser-based Linux desktops billed by the hour, stopped when you are done.'],
  ['software-licenses', 'Software Licenses', 'License keys for control panels and tools, with activation management.'],
  ['api-products', 'API Products', 'Metered APIs with keys, quotas and usage billing.'],
] as const;

export const DEMO_SEED_REFUSAL =
  'seed --demo creates logins with the published demo password; refusing in production mode (APP_MODE=sandbox for a local trial)';

export interface DemoLogin {
  area: 'admin' | 'account';
  email: string;
  password: string;
}

async function seedGroups(db: StorefrontDb): Promise<void> {
  // INSERT IGNORE on the slug key: re-seeding leaves an operator's edits alone.
  await db
    .insert(productGroups)
    .ignore()
    .values(DEMO_GROUPS.map(([slug, name, description], i) => ({ slug, name, description, sortOrder: (i + 1) * 10 })));
}

/** A "standard" reseller program, so reseller:create works without --program; left alone once it exists. */
async function seedResellerProgram(actor: AuditActor): Promise<void> {
  const central = getCentralDb();
  const [existing] = await central.select({ id: resellerPrograms.id }).from(resellerPrograms).where(eq(resellerPrograms.slug, 'standard')).limit(1);
  if (existing) return;
  await saveResellerProgram(central, {
    input: {
      slug: 'standard',
      name: 'Standard',
      active: true,
      unpaidDaysBeforeSuspension: 14,
      fees: [
        { currency: 'USD', monthlyFeeMinor: 2900 },
        { currency: 'EUR', monthlyFeeMinor: 2700 },
        { currency: 'GBP', monthlyFeeMinor: 2400 },
      ],
    },
    actor,
  });
}

/** Migrates, creates the retail storefront and fills it with demo content. Running it again changes nothing. */
export async function seedDemo() {
  if (env().APP_MODE === 'production') throw new AppError('forbidden', DEMO_SEED_REFUSAL);
  await migrateAll();
  const storefront = await ensureRetailStorefront();
  const db = openStorefrontDb(storefront);
  const actor = { type: 'system' as const, label: 'seed:demo' };
  await seedGroups(db);
  await seedCatalog(db);
  await seedSellerDetails(db);
  await seedSandboxPanels(db, storefront.slug);

  const [admin] = await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, DEMO_ADMIN_EMAIL));
  if (!admin) {
    await createStaffUser(db, { storefrontId: storefront.id, input: { email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD, name: 'Demo Admin', role: 'owner' }, actor });
  }
  const [customer] = await db.select({ id: customers.id }).from(customers).where(eq(customers.email, DEMO_CUSTOMER_EMAIL));
  if (!customer) {
    await createCustomer(db, {
      input: { email: DEMO_CUSTOMER_EMAIL, password: DEMO_PASSWORD, name: 'Demo Customer', country: 'US', currency: 'USD', emailVerified: true },
      actor,
    });
  }
  await seedResellerProgram(actor);
  const logins: DemoLogin[] = [
    { area: 'admin', email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD },
    { area: 'account', email: DEMO_CUSTOMER_EMAIL, password: DEMO_PASSWORD },
  ];
  return { storefront: { slug: storefront.slug, name: storefront.name }, logins };
}
