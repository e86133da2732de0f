import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';

// What the passkey server actions answer; client components import these as types only.
export type ActionFailure = { ok: false; message: string };
export type RegistrationOptionsResult = { ok: true; options: PublicKeyCredentialCreationOptionsJSON } | ActionFailure;
export type SignInOptionsResult = { ok: true; options: PublicKeyCredentialRequestOptionsJSON } | ActionFailure;
/** After a passkey sign-in the browser navigates itself, so the request passes the host proxy. */
export type SignInFinishResult = { ok: true; redirectTo: string } | ActionFailure;
export type PasskeyChangeResult = { ok: true } | ActionFailure;
