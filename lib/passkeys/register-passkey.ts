import { randomBytes } from 'node:crypto';
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { and, eq } from 'drizzle-orm';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { requireRecentAuthentication } from '@/lib/auth/recent-authentication';
import { requireVerifiedEmail } from '@/lib/customers/require-verified-email';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { passkeys } from '@/db/schema/storefront';
import { challengeOfResponse, consumeChallenge, storeChallenge } from './challenge-store';
import { countPasskeys, type PasskeyPrincipal } from './manage-passkeys';
import type { RelyingParty } from './relying-party';
import { asRegistrationResponse, passkeyNameSchema, registrationResponseSchema } from './schemas';

const MAX_PASSKEYS = 10;
// EdDSA, ES256, RS256: their public keys fit the passkeys.public_key column (the library's default may add ML-DSA).
export const SUPPORTED_ALGORITHMS = [-8, -7, -257];
const bindingOf = (p: PasskeyPrincipal) => `${p.type}:${p.id}`;

/**
 * A passkey signs in on its own, so adding one is guarded twice: the session proved a factor in the last few
 * minutes, and a customer's address is verified (an unverified account may be someone else's pre-registration).
 */
async function assertMayAddPasskey(db: StorefrontDb, principal: PasskeyPrincipal, sessionId: number): Promise<void> {
  if (principal.type === 'customer') await requireVerifiedEmail(db, principal.id, 'adding a passkey');
  await requireRecentAuthentication(db, { sessionId, principal });
}

/** Options for navigator.credentials.create(): a discoverable credential with user verification. */
export async function startPasskeyRegistration(
  db: StorefrontDb,
  opts: { principal: PasskeyPrincipal; sessionId: number; storefrontId: number; rp: RelyingParty; userName: string; userDisplayName: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  await assertMayAddPasskey(db, opts.principal, opts.sessionId);
  if ((await countPasskeys(db, opts.principal)) >= MAX_PASSKEYS) throw new AppError('conflict', `You can have at most ${MAX_PASSKEYS} passkeys. Remove one first.`);
  const existing = await db
    .select({ credentialId: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(and(eq(passkeys.principalType, opts.principal.type), eq(passkeys.principalId, opts.principal.id)));
  const options = await generateRegistrationOptions({
    rpName: opts.rp.name,
    rpID: opts.rp.id,
    userName: opts.userName,
    userDisplayName: opts.userDisplayName,
    // Random, not the row id: the authenticator may show it to other sites' scripts via the user handle.
    userID: new Uint8Array(randomBytes(16)),
    attestationType: 'none',
    excludeCredentials: existing.map((e) => ({ id: e.credentialId, transports: e.transports ? e.transports.split(',') : undefined })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    timeout: 120_000,
  });
  await storeChallenge({ purpose: 'register', storefrontId: opts.storefrontId, challenge: options.challenge, binding: bindingOf(opts.principal) });
  return options;
}

/**
 * Verifies the browser's attestation against the challenge issued to this principal (once) and this host's RP ID
 * and origin, then stores the credential. Any mismatch throws and stores nothing.
 */
export async function finishPasskeyRegistration(
  db: StorefrontDb,
  opts: { principal: PasskeyPrincipal; sessionId: number; storefrontId: number; rp: RelyingParty; name: unknown; response: unknown; actor: AuditActor },
): Promise<{ id: number; name: string }> {
  await assertMayAddPasskey(db, opts.principal, opts.sessionId);
  const name = passkeyNameSchema.safeParse(opts.name);
  if (!name.success) throw new AppError('bad_request', name.error.issues[0]!.message, { name: [name.error.issues[0]!.message] });
  const parsed = registrationResponseSchema.safeParse(opts.response);
  if (!parsed.success) throw new AppError('bad_request', 'The passkey response was not valid. Try again.');
  const challenge = challengeOfResponse(parsed.data.response.clientDataJSON);
  const issued = challenge !== null && (await consumeChallenge({ purpose: 'register', storefrontId: opts.storefrontId, challenge, binding: bindingOf(opts.principal) }));
  if (!issued) throw new AppError('bad_request', 'This passkey request has expired or was already used. Try again.');

  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: asRegistrationResponse(parsed.data),
      expectedChallenge: challenge,
      expectedOrigin: opts.rp.origin,
      expectedRPID: opts.rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch {
    verification = { verified: false };
  }
  if (!verification.verified) throw new AppError('bad_request', 'The passkey could not be verified for this site. Try again.');
  const { credential } = verification.registrationInfo;
  const publicKey = Buffer.from(credential.publicKey).toString('base64url');
  if (credential.id.length > 255 || publicKey.length > 1024) throw new AppError('bad_request', 'This authenticator is not supported. Try another one.');

  try {
    return await db.transaction(async (tx) => {
      const [res] = await tx.insert(passkeys).values({
        principalType: opts.principal.type,
        principalId: opts.principal.id,
        credentialId: credential.id,
        publicKey,
        signCount: credential.counter,
        transports: credential.transports?.join(',').slice(0, 100) || null,
        name: name.data,
      });
      await recordAudit(tx, { actor: opts.actor, action: 'passkey.added', target: { type: 'passkey', id: res.insertId }, after: { name: name.data, principalType: opts.principal.type, principalId: opts.principal.id } });
      return { id: res.insertId, name: name.data };
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', 'This passkey is already registered.');
    throw err;
  }
}
