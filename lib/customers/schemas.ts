import { z } from 'zod';
import { emailSchema } from '@/lib/auth/schemas';
import { newPasswordSchema } from '@/lib/auth/password-policy';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter country code');

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code');

export const profileFields = {
  name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  company: optionalText(160),
  taxId: optionalText(40),
  phone: optionalText(40),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  region: optionalText(100),
  postalCode: optionalText(20),
  country: countrySchema,
};

export const registerCustomerSchema = z.object({
  ...profileFields,
  email: emailSchema,
  password: newPasswordSchema,
  currency: currencySchema,
});

export const updateProfileSchema = z.object(profileFields);

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'is required').max(200),
  newPassword: newPasswordSchema,
});

// No password here: the session must have proved a factor within the last few minutes instead (recent-authentication).
export const changeEmailSchema = z.object({
  newEmail: emailSchema,
});

export const resetPasswordSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a valid link'),
  newPassword: newPasswordSchema,
});
