import { bigint, boolean, char, index, int, mysqlEnum, mysqlTable, smallint, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamp, updatedAt } from '@/lib/db/columns';

// The reseller line lives in the central database: a reseller is a business that owns one storefront
// (storefronts.kind = 'reseller') on one of the platform's programs. Platform staff (the retail storefront's staff
// with resellers.manage) manage everything here; a reseller's own staff never read these tables.

export const RESELLER_STATUSES = ['provisioning', 'active', 'suspended', 'failed'] as const;
export type ResellerStatus = (typeof RESELLER_STATUSES)[number];

/** The creation pipeline, in the order it runs; reseller_pipeline_steps has one row per reseller and step. */
export const RESELLER_PIPELINE_STEPS = ['database', 'migrate', 'seed', 'hostnames', 'branding', 'invite', 'activate', 'welcome'] as const;
export type ResellerPipelineStep = (typeof RESELLER_PIPELINE_STEPS)[number];

export const PIPELINE_STEP_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type PipelineStepStatus = (typeof PIPELINE_STEP_STATUSES)[number];

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A plan of the reseller program: what a reseller pays the platform each month and how long it may stay unpaid. */
export const resellerPrograms = mysqlTable(
  'reseller_programs',
  {
    id: id(),
    slug: varchar('slug', { length: 40 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    /** Inactive programs take no new resellers; existing ones stay on them. */
    active: boolean('active').notNull().default(true),
    /** A wholesale invoice unpaid this many days after its due date suspends the reseller. */
    unpaidDaysBeforeSuspension: smallint('unpaid_days_before_suspension', { unsigned: true }).notNull().default(14),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('reseller_programs_slug_uq').on(t.slug)],
);

/** The program's monthly platform fee, set explicitly per currency (no exchange rates), in minor units. */
export const resellerProgramFees = mysqlTable(
  'reseller_program_fees',
  {
    id: id(),
    programId: ref('program_id').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    monthlyFeeMinor: bigint('monthly_fee_minor', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('reseller_program_fees_uq').on(t.programId, t.currency)],
);

export const resellers = mysqlTable(
  'resellers',
  {
    id: id(),
    /** rsl_…, in admin URLs and CLI output. */
    publicId: varchar('public_id', { length: 40 }).notNull(),
    /** The storefront the reseller owns (kind 'reseller'); created with the reseller, live once provisioned. */
    storefrontId: ref('storefront_id').notNull(),
    programId: ref('program_id').notNull(),
    ownerEmail: varchar('owner_email', { length: 254 }).notNull(),
    ownerName: varchar('owner_name', { length: 120 }),
    status: mysqlEnum('status', RESELLER_STATUSES).notNull().default('provisioning'),
    suspensionReason: varchar('suspension_reason', { length: 255 }),
    suspendedAt: timestamp('suspended_at'),
    activatedAt: timestamp('activated_at'),
    /** Set when the reseller came from an approved application. */
    applicationId: ref('application_id'),
    /** Who created it: a platform staff member's email, or the CLI. */
    createdBy: varchar('created_by', { length: 254 }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('resellers_public_id_uq').on(t.publicId),
    uniqueIndex('resellers_storefront_uq').on(t.storefrontId),
    uniqueIndex('resellers_application_uq').on(t.applicationId),
    index('resellers_status_idx').on(t.status),
    index('resellers_program_idx').on(t.programId),
  ],
);

/** One row per reseller and pipeline step, written when the reseller is created; the runner moves them along. */
export const resellerPipelineSteps = mysqlTable(
  'reseller_pipeline_steps',
  {
    id: id(),
    resellerId: ref('reseller_id').notNull(),
    step: mysqlEnum('step', RESELLER_PIPELINE_STEPS).notNull(),
    position: smallint('position', { unsigned: true }).notNull(),
    status: mysqlEnum('status', PIPELINE_STEP_STATUSES).notNull().default('pending'),
    attempts: int('attempts', { unsigned: true }).notNull().default(0),
    error: text('error'),
    startedAt: timestamp('started_at'),
    finishedAt: timestamp('finished_at'),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('reseller_pipeline_steps_uq').on(t.resellerId, t.step)],
);

/** The marketing site's "Become a reseller" form; approving one creates a reseller through the same pipeline. */
export const resellerApplications = mysqlTable(
  'reseller_applications',
  {
    id: id(),
    /** rapp_…, in admin URLs. */
    publicId: varchar('public_id', { length: 40 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    company: varchar('company', { length: 160 }).notNull(),
    email: varchar('email', { length: 254 }).notNull(),
    website: varchar('website', { length: 255 }),
    message: text('message').notNull(),
    status: mysqlEnum('status', APPLICATION_STATUSES).notNull().default('pending'),
    /** The reviewing platform staff member's email (staff live in the retail storefront's database). */
    reviewedBy: varchar('reviewed_by', { length: 254 }),
    reviewedAt: timestamp('reviewed_at'),
    reviewNote: varchar('review_note', { length: 500 }),
    ip: varchar('ip', { length: 45 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('reseller_applications_public_id_uq').on(t.publicId), index('reseller_applications_status_idx').on(t.status, t.createdAt)],
);

export type ResellerProgram = typeof resellerPrograms.$inferSelect;
export type ResellerProgramFee = typeof resellerProgramFees.$inferSelect;
export type Reseller = typeof resellers.$inferSelect;
export type ResellerPipelineStepRow = typeof resellerPipelineSteps.$inferSelect;
export type ResellerApplication = typeof resellerApplications.$inferSelect;
