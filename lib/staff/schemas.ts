import { z } from 'zod';
import { emailSchema } from '@/lib/auth/schemas';
import { newPasswordSchema } from '@/lib/auth/password-policy';
import { EDITABLE_ROLES, PERMISSIONS, STAFF_ROLES } from './permissions';

const id = z.coerce.number().int().positive();

export const staffRoleSchema = z.enum(STAFF_ROLES);

export const changeStaffRoleSchema = z.object({ staffId: id, role: staffRoleSchema });
export const setStaffStatusSchema = z.object({ staffId: id, status: z.enum(['active', 'disabled']) });
export const revokeStaffSessionSchema = z.object({ staffId: id, sessionId: id });

export const rolePermissionsSchema = z.object({
  role: z.enum(EDITABLE_ROLES),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
});

export const inviteStaffSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'is required').max(120),
  role: staffRoleSchema,
});

export const revokeInviteSchema = z.object({ inviteId: id });

export const acceptInviteSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a valid invitation link'),
  name: z.string().trim().min(1, 'is required').max(120),
  password: newPasswordSchema,
});

export type InviteStaffInput = z.infer<typeof inviteStaffSchema>;
export type AcceptInviteInput = z.infer<typeof acceptInviteSchema>;
