import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

const b64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');
// The passkeys table keeps credential ids in a varchar(255).
const credentialId = b64url(255);
const extensions = z.record(z.string(), z.unknown()).default({});
const attachment = z.enum(['platform', 'cross-platform']).optional();

export const passkeyNameSchema = z.string().trim().min(1, 'Give the passkey a name.').max(60, 'Use at most 60 characters.');
export const passkeyIdSchema = z.coerce.number().int().positive();

export const registrationResponseSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64url(4096),
    attestationObject: b64url(16384),
    transports: z.array(z.string().max(20)).max(10).optional(),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults: extensions,
});

export const authenticationResponseSchema = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64url(4096),
    authenticatorData: b64url(4096),
    signature: b64url(2048),
    userHandle: b64url(256).optional(),
  }),
  authenticatorAttachment: attachment,
  clientExtensionResults: extensions,
});

// zod checks shape and sizes; the library checks the rest (its transport union is wider than we care about).
export function asRegistrationResponse(r: z.infer<typeof registrationResponseSchema>): RegistrationResponseJSON {
  return r as RegistrationResponseJSON;
}

export function asAuthenticationResponse(r: z.infer<typeof authenticationResponseSchema>): AuthenticationResponseJSON {
  return r as AuthenticationResponseJSON;
}
