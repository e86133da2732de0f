import { z } from 'zod';
import { env } from '@/lib/config/env';
import { noticeNewDevice } from '@/lib/auth/new-device-notice';
import { requestMeta, requireArea, setSessionCookie } from '@/lib/auth/request-session';
import { findSession, type PrincipalType } from '@/lib/auth/sessions';
import type { AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import type { RequestContext } from '@/lib/tenancy/request-context';
import { getRequestBrand } from '@/lib/branding/request-brand';
import type { PasskeyChangeResult, RegistrationOptionsResult, SignInFinishResult, SignInOptionsResult } from './action-results';
import { removePasskey, renamePasskey, type PasskeyPrincipal } from './manage-passkeys';
import { finishPasskeyRegistration, startPasskeyRegistration } from './register-passkey';
import { relyingPartyFor, type RelyingParty } from './relying-party';
import { finishPasskeySignIn, startPasskeySignIn } from './sign-in-with-passkey';

// Shared bodies of the account and admin passkey server actions: AppErrors become messages, anything else is a
// real failure and is thrown.

const AREA = { customer: 'account', staff: 'admin' } as const;
// Only the envelope is checked here; the domain functions validate each field.
const finishInput = z.object({ name: z.unknown(), response: z.unknown() });
const renameInput = z.object({ id: z.unknown(), name: z.unknown() });
const removeInput = z.object({ id: z.unknown() });
const BAD_INPUT = { ok: false as const, message: 'The request was not valid.' };

export interface PasskeyOwner {
  ctx: RequestContext;
  principal: PasskeyPrincipal;
  /** The signed-in session: adding a passkey wants a recent sign-in or "confirm it's you" in it. */
  sessionId: number;
  email: string;
  displayName: string;
}

async function rpOf(ctx: RequestContext): Promise<RelyingParty> {
  // The name a passkey prompt shows is the storefront's brand, as customers know it.
  return relyingPartyFor({ host: ctx.host, storefrontId: ctx.storefront.id, storefrontName: (await getRequestBrand()).name, protocol: env().APP_PROTOCOL });
}

async function asMessage<T extends { ok: boolean }>(fn: () => Promise<T>): Promise<T | { ok: false; message: string }> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
}

async function actorOf(owner: PasskeyOwner): Promise<AuditActor> {
  return { type: owner.principal.type, id: owner.principal.id, label: owner.email, ...(await requestMeta()) };
}

export function registrationOptionsStep(owner: PasskeyOwner): Promise<RegistrationOptionsResult> {
  return asMessage(async () => {
    const options = await startPasskeyRegistration(owner.ctx.db, {
      principal: owner.principal,
      sessionId: owner.sessionId,
      storefrontId: owner.ctx.storefront.id,
      rp: await rpOf(owner.ctx),
      userName: owner.email,
      userDisplayName: owner.displayName,
    });
    return { ok: true as const, options };
  });
}

export async function registrationFinishStep(owner: PasskeyOwner, raw: unknown): Promise<PasskeyChangeResult> {
  const parsed = finishInput.safeParse(raw);
  if (!parsed.success) return BAD_INPUT;
  const input = parsed.data;
  return asMessage(async () => {
    await finishPasskeyRegistration(owner.ctx.db, {
      principal: owner.principal,
      sessionId: owner.sessionId,
      storefrontId: owner.ctx.storefront.id,
      rp: await rpOf(owner.ctx),
      name: input.name,
      response: input.response,
      actor: await actorOf(owner),
    });
    return { ok: true as const };
  });
}

export async function renameStep(owner: PasskeyOwner, raw: unknown): Promise<PasskeyChangeResult> {
  const parsed = renameInput.safeParse(raw);
  if (!parsed.success) return BAD_INPUT;
  const input = parsed.data;
  return asMessage(async () => {
    await renamePasskey(owner.ctx.db, { principal: owner.principal, passkeyId: input.id, name: input.name, actor: await actorOf(owner) });
    return { ok: true as const };
  });
}

export async function removeStep(owner: PasskeyOwner, raw: unknown): Promise<PasskeyChangeResult> {
  const parsed = removeInput.safeParse(raw);
  if (!parsed.success) return BAD_INPUT;
  const input = parsed.data;
  return asMessage(async () => {
    await removePasskey(owner.ctx.db, { principal: owner.principal, passkeyId: input.id, actor: await actorOf(owner) });
    return { ok: true as const };
  });
}

export async function signInOptionsStep(principalType: PrincipalType): Promise<SignInOptionsResult> {
  const ctx = await requireArea(AREA[principalType]);
  return asMessage(async () => ({ ok: true as const, options: await startPasskeySignIn({ principalType, storefrontId: ctx.storefront.id, rp: await rpOf(ctx) }) }));
}

export async function signInFinishStep(principalType: PrincipalType, response: unknown): Promise<SignInFinishResult> {
  const ctx = await requireArea(AREA[principalType]);
  return asMessage(async (): Promise<SignInFinishResult> => {
    const meta = await requestMeta();
    const result = await finishPasskeySignIn(ctx.db, { principalType, storefrontId: ctx.storefront.id, rp: await rpOf(ctx), response, ...meta });
    if (!result.ok) return { ok: false as const, message: result.message };
    await setSessionCookie(principalType, result.token, result.expiresAt);
    const session = await findSession(ctx.db, result.token, principalType);
    if (session) await noticeNewDevice(ctx.db, { storefrontId: ctx.storefront.id, principalType, principalId: session.principalId, sessionId: session.id, ...meta });
    // Not redirect(): a server action's redirect target renders without the host proxy's rewrite.
    return { ok: true as const, redirectTo: '/' };
  });
}
