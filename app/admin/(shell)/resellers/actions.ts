'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { failed, formInput, formValues } from '@/lib/forms/action-result';
import { approveResellerApplication, rejectResellerApplication } from '@/lib/resellers/applications/review-reseller-application';
import { createReseller } from '@/lib/resellers/create-reseller';
import { enqueueResellerPipeline } from '@/lib/resellers/enqueue-reseller-pipeline';
import { requirePlatformStaff } from '@/lib/resellers/require-platform-staff';
import { resendOwnerInvitation } from '@/lib/resellers/owner-invitation';
import { resumeResellerPipeline } from '@/lib/resellers/resume-reseller-pipeline';

const RESELLER_FIELDS = ['name', 'ownerEmail', 'ownerName', 'slug', 'program'] as const;

/** Queues the pipeline; with the queue unreachable the reseller waits, and its page offers Resume. */
async function queuePipeline(resellerId: number): Promise<string | null> {
  try {
    await enqueueResellerPipeline(resellerId);
    return null;
  } catch {
    return ' The job queue is unreachable right now: use Resume on the reseller’s page once it is back.';
  }
}

/** New reseller: registers it (slug checked at once) and queues its pipeline; the list shows the progress. */
export async function createResellerAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return { ok: false, message: platform.message };
  const values = formValues(data, RESELLER_FIELDS);
  try {
    const { reseller } = await createReseller(platform.central, { input: formInput(data, RESELLER_FIELDS), actor: platform.actor });
    const warning = await queuePipeline(reseller.id);
    revalidatePath('/resellers');
    return { ok: true, message: `Reseller created: its storefront is being built.${warning ?? ''}`, redirectTo: `/resellers/${reseller.publicId}` };
  } catch (err) {
    return failed(err, values);
  }
}

/** Retry (failed) or resume (a run that died) a reseller's pipeline from the step where it stopped. */
export async function retryResellerAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return { ok: false, message: platform.message };
  const publicId = String(data.get('reseller') ?? '');
  try {
    const reseller = await resumeResellerPipeline(platform.central, { publicId, actor: platform.actor });
    await enqueueResellerPipeline(reseller.id);
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/resellers');
  revalidatePath(`/resellers/${publicId}`);
  return { ok: true, message: 'Retrying from the step that stopped.' };
}

/** A new owner invitation for an owner who has not joined (the earlier link stops working). */
export async function resendOwnerInviteAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return { ok: false, message: platform.message };
  const publicId = String(data.get('reseller') ?? '');
  try {
    await resendOwnerInvitation(platform.central, { publicId, actor: platform.actor });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath(`/resellers/${publicId}`);
  return { ok: true, message: 'A new invitation is on its way to the owner.' };
}

const APPROVE_FIELDS = ['applicationId', 'slug', 'program'] as const;

/** Approving an application creates its reseller and runs the same pipeline as a new reseller. */
export async function approveApplicationAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return { ok: false, message: platform.message };
  const values = formValues(data, APPROVE_FIELDS);
  try {
    const { reseller } = await approveResellerApplication(platform.central, { input: formInput(data, APPROVE_FIELDS), actor: platform.actor });
    const warning = await queuePipeline(reseller.id);
    revalidatePath('/resellers/applications');
    return { ok: true, message: `Approved: the reseller’s storefront is being built.${warning ?? ''}`, redirectTo: `/resellers/${reseller.publicId}` };
  } catch (err) {
    return failed(err, values);
  }
}

export async function rejectApplicationAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const platform = await requirePlatformStaff();
  if (!platform.allowed) return { ok: false, message: platform.message };
  const values = formValues(data, ['applicationId', 'note']);
  try {
    await rejectResellerApplication(platform.central, { input: formInput(data, ['applicationId', 'note']), actor: platform.actor });
  } catch (err) {
    return failed(err, values);
  }
  revalidatePath('/resellers/applications');
  return { ok: true, message: 'Application rejected.' };
}
