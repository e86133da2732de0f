import { bigint, boolean, char, decimal, index, int, mysqlEnum, mysqlTable, primaryKey, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonColumn, ref, timestamp, updatedAt } from '@/lib/db/columns';

export const SERVICE_TYPES = ['vps', 'dedicated', 'web_hosting', 'game_server', 'cloud_desktop', 'software_license', 'api_product'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const BILLING_CYCLES = ['monthly', 'quarterly', 'semiannual', 'annual', 'biennial', 'triennial', 'one_time', 'hourly'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

export const PLAN_STATUSES = ['active', 'hidden', 'archived'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const OPTION_TYPES = ['dropdown', 'radio', 'quantity', 'yes_no'] as const;
export type OptionType = (typeof OPTION_TYPES)[number];

export const productGroups = mysqlTable(
  'product_groups',
  {
    id: id(),
    slug: varchar('slug', { length: 60 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    description: text('description'),
    sortOrder: int('sort_order').notNull().default(0),
    hidden: boolean('hidden').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('product_groups_slug_uq').on(t.slug)],
);

/** Currencies a storefront sells in. `minorDigits` is the ISO 4217 exponent (2 for EUR, 0 for JPY). */
export const currencies = mysqlTable('currencies', {
  code: char('code', { length: 3 }).primaryKey(),
  name: varchar('name', { length: 60 }).notNull(),
  minorDigits: int('minor_digits').notNull().default(2),
  locale: varchar('locale', { length: 20 }).notNull().default('en-US'),
  enabled: boolean('enabled').notNull().default(true),
  isDefault: boolean('is_default').notNull().default(false),
  sortOrder: int('sort_order').notNull().default(0),
  updatedAt: updatedAt(),
});

export const locations = mysqlTable(
  'locations',
  {
    id: id(),
    code: varchar('code', { length: 40 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    country: char('country', { length: 2 }).notNull(),
    city: varchar('city', { length: 100 }).notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: int('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('locations_code_uq').on(t.code)],
);

export const plans = mysqlTable(
  'plans',
  {
    id: id(),
    groupId: ref('group_id').notNull(),
    slug: varchar('slug', { length: 80 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    description: text('description'),
    /** Bullet points shown on the pricing page ("4 vCPU", "80 GB NVMe"). */
    features: jsonColumn<string[]>('features').notNull(),
    serviceType: mysqlEnum('service_type', SERVICE_TYPES).notNull(),
    /** Provisioning module key (virtfusion, pterodactyl, …) and its settings, validated by the module's schema. */
    provisioningModule: varchar('provisioning_module', { length: 40 }),
    moduleSettings: jsonColumn<Record<string, unknown>>('module_settings').notNull(),
    status: mysqlEnum('status', PLAN_STATUSES).notNull().default('active'),
    sortOrder: int('sort_order').notNull().default(0),
    trialDays: int('trial_days').notNull().default(0),
    /** Null means unlimited; otherwise decremented atomically as orders are placed. */
    stockQuantity: int('stock_quantity'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('plans_slug_uq').on(t.slug), index('plans_group_idx').on(t.groupId, t.sortOrder)],
);

export const planLocations = mysqlTable(
  'plan_locations',
  {
    planId: ref('plan_id').notNull(),
    locationId: ref('location_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.locationId] })],
);

/**
 * One row per plan, currency and cycle: a plan is offered in a currency only where it has a row (no silent
 * exchange-rate conversion). Hourly rates may carry sub-minor precision in `ratePrecise` (minor units).
 */
export const planPrices = mysqlTable(
  'plan_prices',
  {
    id: id(),
    planId: ref('plan_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    cycle: mysqlEnum('cycle', BILLING_CYCLES).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    setupFeeMinor: bigint('setup_fee_minor', { mode: 'number' }).notNull().default(0),
    ratePrecise: decimal('rate_precise', { precision: 20, scale: 6 }),
  },
  (t) => [uniqueIndex('plan_prices_uq').on(t.planId, t.currency, t.cycle)],
);

/** Option groups are shared: one "Extra IPv4" group can be attached to every VPS plan. */
export const configOptionGroups = mysqlTable('config_option_groups', {
  id: id(),
  name: varchar('name', { length: 120 }).notNull(),
  description: text('description'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const configOptionGroupPlans = mysqlTable(
  'config_option_group_plans',
  {
    groupId: ref('group_id').notNull(),
    planId: ref('plan_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.planId] }), index('cogp_plan_idx').on(t.planId)],
);

export const configOptions = mysqlTable(
  'config_options',
  {
    id: id(),
    groupId: ref('group_id').notNull(),
    code: varchar('code', { length: 60 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    type: mysqlEnum('type', OPTION_TYPES).notNull(),
    // Quantity options only.
    minQuantity: int('min_quantity').notNull().default(0),
    maxQuantity: int('max_quantity').notNull().default(0),
    stepQuantity: int('step_quantity').notNull().default(1),
    required: boolean('required').notNull().default(false),
    upgradable: boolean('upgradable').notNull().default(false),
    hidden: boolean('hidden').notNull().default(false),
    sortOrder: int('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('config_options_code_uq').on(t.groupId, t.code)],
);

/**
 * Choices of an option. Dropdown/radio have one row per choice; quantity and yes/no options have exactly one row
 * whose prices are per unit / for "yes", so every price hangs off a value.
 */
export const configOptionValues = mysqlTable(
  'config_option_values',
  {
    id: id(),
    optionId: ref('option_id').notNull(),
    code: varchar('code', { length: 60 }).notNull(),
    label: varchar('label', { length: 120 }).notNull(),
    hidden: boolean('hidden').notNull().default(false),
    sortOrder: int('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('config_option_values_code_uq').on(t.optionId, t.code)],
);

export const configOptionPrices = mysqlTable(
  'config_option_prices',
  {
    id: id(),
    valueId: ref('value_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    cycle: mysqlEnum('cycle', BILLING_CYCLES).notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull().default(0),
    setupFeeMinor: bigint('setup_fee_minor', { mode: 'number' }).notNull().default(0),
  },
  (t) => [uniqueIndex('config_option_prices_uq').on(t.valueId, t.currency, t.cycle)],
);

export const COUPON_TYPES = ['percent', 'fixed', 'free_setup', 'extra_trial_days'] as const;
export type CouponType = (typeof COUPON_TYPES)[number];
export const COUPON_DURATIONS = ['first_invoice', 'recurring_cycles', 'lifetime'] as const;
export type CouponDuration = (typeof COUPON_DURATIONS)[number];

export const coupons = mysqlTable(
  'coupons',
  {
    id: id(),
    /** Stored upper-case; customers type it in any case. */
    code: varchar('code', { length: 40 }).notNull(),
    description: varchar('description', { length: 255 }),
    type: mysqlEnum('type', COUPON_TYPES).notNull(),
    /** Percent coupons: basis points (1250 = 12.5 %). */
    percentBp: int('percent_bp').notNull().default(0),
    /** Extra-trial-days coupons. */
    trialDays: int('trial_days').notNull().default(0),
    duration: mysqlEnum('duration', COUPON_DURATIONS).notNull().default('first_invoice'),
    recurringCycles: int('recurring_cycles').notNull().default(0),
    // Empty lists mean "any".
    planIds: jsonColumn<number[]>('plan_ids').notNull(),
    groupIds: jsonColumn<number[]>('group_ids').notNull(),
    cycles: jsonColumn<BillingCycle[]>('cycles').notNull(),
    countries: jsonColumn<string[]>('countries').notNull(),
    startsAt: timestamp('starts_at'),
    endsAt: timestamp('ends_at'),
    maxUses: int('max_uses'),
    maxUsesPerCustomer: int('max_uses_per_customer'),
    /** Incremented by a guarded UPDATE in the order transaction, so maxUses holds under concurrency. */
    usesCount: int('uses_count').notNull().default(0),
    newCustomersOnly: boolean('new_customers_only').notNull().default(false),
    stackable: boolean('stackable').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('coupons_code_uq').on(t.code)],
);

/** Per-currency amounts: the discount of a fixed coupon and the minimum order of any coupon. */
export const couponAmounts = mysqlTable(
  'coupon_amounts',
  {
    couponId: ref('coupon_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    discountMinor: bigint('discount_minor', { mode: 'number' }).notNull().default(0),
    minOrderMinor: bigint('min_order_minor', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.couponId, t.currency] })],
);

export const couponRedemptions = mysqlTable(
  'coupon_redemptions',
  {
    id: id(),
    couponId: ref('coupon_id').notNull(),
    customerId: ref('customer_id').notNull(),
    orderId: ref('order_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    discountMinor: bigint('discount_minor', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('coupon_redemptions_order_uq').on(t.couponId, t.orderId), index('coupon_redemptions_customer_idx').on(t.couponId, t.customerId)],
);

/**
 * Tax rates by country and optional region (empty string = whole country). Rates are in thousandths of a
 * percent (20 % = 20000, 8.875 % = 8875) so every real-world rate is an integer.
 */
export const taxRules = mysqlTable(
  'tax_rules',
  {
    id: id(),
    country: char('country', { length: 2 }).notNull(),
    region: varchar('region', { length: 100 }).notNull().default(''),
    name: varchar('name', { length: 60 }).notNull(),
    rateMilliPercent: int('rate_milli_percent').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('tax_rules_place_uq').on(t.country, t.region)],
);

export type Plan = typeof plans.$inferSelect;
export type PlanPrice = typeof planPrices.$inferSelect;
export type Coupon = typeof coupons.$inferSelect;
export type TaxRule = typeof taxRules.$inferSelect;
export type Currency = typeof currencies.$inferSelect;
export type Location = typeof locations.$inferSelect;
export type ConfigOption = typeof configOptions.$inferSelect;
export type ConfigOptionValue = typeof configOptionValues.$inferSelect;
