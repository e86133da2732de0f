import { eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { staffRoles, type StaffUser } from '@/db/schema/storefront';
import type { Storefront } from '@/db/schema/central';

// The fixed catalogue: pages, actions and jobs check these names, so a role is only ever a set of them.
export const PERMISSIONS = [
  'customers.view',
  'customers.manage',
  'customers.impersonate',
  'billing.view',
  'billing.manage',
  'services.view',
  'services.manage',
  'catalog.manage',
  'orders.manage',
  'settings.manage',
  'staff.manage',
  'audit.view',
  'alerts.manage',
  'emails.send',
  'system.view',
  'resellers.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  'customers.view': 'View customers',
  'customers.manage': 'Edit customers',
  'customers.impersonate': 'Sign in as a customer',
  'billing.view': 'View invoices and payments',
  'billing.manage': 'Issue invoices, refunds and credits',
  'services.view': 'View services',
  'services.manage': 'Provision, suspend and cancel services',
  'catalog.manage': 'Products, prices, options, coupons and tax rules',
  'orders.manage': 'Approve, flag and cancel orders',
  'settings.manage': 'Storefront and platform settings',
  'staff.manage': 'Staff, roles and invitations',
  'audit.view': 'Audit log and its export',
  'alerts.manage': 'Acknowledge alerts',
  'emails.send': 'Send emails',
  'system.view': 'System health and queues',
  'resellers.manage': 'Reseller programs, resellers and applications (platform)',
};

/**
 * Permissions over the platform itself (the central database), which only staff of the operator's retail storefront
 * can hold: on a reseller's storefront they are dropped from every role, whatever its saved set says.
 */
export const PLATFORM_PERMISSIONS = ['resellers.manage'] as const satisfies readonly Permission[];

export function isPlatformPermission(p: Permission): boolean {
  return (PLATFORM_PERMISSIONS as readonly Permission[]).includes(p);
}

/** The permissions a role really grants on a storefront of this kind. */
export function permissionsOnStorefront(kind: Storefront['kind'], permissions: readonly Permission[]): Permission[] {
  return kind === 'retail' ? [...permissions] : permissions.filter((p) => !isPlatformPermission(p));
}

/** The catalogue a storefront's roles page offers: the platform's permissions only on the retail storefront. */
export function permissionCatalogue(kind: Storefront['kind']): Permission[] {
  return permissionsOnStorefront(kind, PERMISSIONS);
}

export const STAFF_ROLES = ['owner', 'administrator', 'billing', 'support', 'read_only'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles whose permission set the roles page edits; the owner always has everything so nobody locks themselves out. */
export const EDITABLE_ROLES = ['administrator', 'billing', 'support', 'read_only'] as const satisfies readonly StaffRole[];
export type EditableRole = (typeof EDITABLE_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  owner: 'Owner',
  administrator: 'Administrator',
  billing: 'Billing',
  support: 'Support',
  read_only: 'Read-only',
};

const VIEW_ONLY = PERMISSIONS.filter((p) => p.endsWith('.view'));

// Used until the owner saves a role on the roles page (no staff_roles row yet).
export const DEFAULT_ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  administrator: PERMISSIONS.filter((p) => p !== 'staff.manage'),
  billing: ['customers.view', 'billing.view', 'billing.manage', 'services.view', 'orders.manage', 'emails.send'],
  support: ['customers.view', 'customers.manage', 'customers.impersonate', 'billing.view', 'services.view', 'services.manage', 'orders.manage', 'alerts.manage', 'emails.send'],
  read_only: VIEW_ONLY,
};

export function isPermission(name: string): name is Permission {
  return (PERMISSIONS as readonly string[]).includes(name);
}

/** Known names only, in catalogue order: a stored set may hold names a later version dropped. */
export function normalisePermissions(names: readonly string[]): Permission[] {
  return PERMISSIONS.filter((p) => names.includes(p));
}

/** A role's permissions: the saved staff_roles row, else the default set; the owner always gets all of them. */
export async function getRolePermissions(db: SfDb, role: StaffRole): Promise<Permission[]> {
  if (role === 'owner') return [...PERMISSIONS];
  const [row] = await db.select({ permissions: staffRoles.permissions }).from(staffRoles).where(eq(staffRoles.role, role)).limit(1);
  return normalisePermissions(row ? row.permissions : DEFAULT_ROLE_PERMISSIONS[role]);
}

/** Whether a staff member may do something now; a disabled member may do nothing. */
export async function staffHas(db: SfDb, staff: Pick<StaffUser, 'role' | 'status'>, permission: Permission): Promise<boolean> {
  if (staff.status !== 'active') return false;
  return (await getRolePermissions(db, staff.role)).includes(permission);
}
