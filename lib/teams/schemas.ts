import { z } from 'zod';
import { emailSchema } from '@/lib/auth/schemas';
import { TEAM_PERMISSIONS } from './permissions';

export const teamPermissionsSchema = z
  .array(z.enum(TEAM_PERMISSIONS, { message: 'is not a permission' }))
  .min(1, 'choose at least one permission')
  .max(TEAM_PERMISSIONS.length);

export const inviteTeamMemberSchema = z.object({ email: emailSchema, permissions: teamPermissionsSchema });
/** Raw form input: validated by inviteTeamMember itself. */
export interface InviteTeamMemberInput {
  email: string;
  permissions: string[];
}

export const teamMemberChangeSchema = z.object({ memberId: z.coerce.number().int().positive(), permissions: teamPermissionsSchema });
