import { z } from 'zod';

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('must be a valid email address'));
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(200),
});
