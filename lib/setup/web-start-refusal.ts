import { env, type Env } from '@/lib/config/env';
import { productionEnvRefusal } from '@/lib/config/production-env-refusal';
import { findDemoPasswordStaff } from '@/lib/staff/find-demo-password-staff';

/**
 * Why the web process must not serve, in one line, or undefined: the production environment checks every process
 * makes, then no staff account may still have the demo password. A check that cannot run refuses too.
 */
export async function webStartRefusal(e: Env = env()): Promise<string | undefined> {
  const refusal = productionEnvRefusal(e);
  if (refusal || e.APP_MODE !== 'production') return refusal;
  let found: Awaited<ReturnType<typeof findDemoPasswordStaff>>;
  try {
    found = await findDemoPasswordStaff();
  } catch (err) {
    return `could not check staff accounts for the demo password: ${err instanceof Error ? err.message : String(err)}`;
  }
  const [first] = found;
  if (!first) return undefined;
  const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
  return (
    `staff account ${first.email} on storefront ${first.storefront}${more} still has the published demo password: ` +
    `set another with bin/ezscale staff:set-password --storefront ${first.storefront} --email ${first.email} --password '…'`
  );
}

/** Called from instrumentation.ts before Next serves anything. */
export async function exitIfWebStartRefused(): Promise<void> {
  const refusal = await webStartRefusal();
  if (!refusal) return;
  console.error(`web: refusing to start: ${refusal}`);
  process.exit(1);
}
