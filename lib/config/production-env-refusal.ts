import { configuredKeys } from '@/lib/security/secret-box';
import { storageConfigProblem } from '@/lib/storage/storage-config';
import type { Env } from './env';

/**
 * Why a production process must not start with this environment, in one line, or undefined when it may. Every
 * entry point (web, worker, CLI) asks before doing anything; sandbox mode never refuses here.
 */
export function productionEnvRefusal(e: Env): string | undefined {
  if (e.APP_MODE !== 'production') return undefined;
  if (!e.APP_KEY) {
    return 'APP_KEY is not set: production mode (the default; APP_MODE=sandbox for a local trial) needs it to encrypt secrets at rest (openssl rand -base64 32, generated once and kept)';
  }
  try {
    configuredKeys(e);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  if (e.APP_PROTOCOL === 'http' && e.ALLOW_INSECURE_HTTP !== '1') {
    return 'APP_PROTOCOL=http in production mode would send sign-in cookies in the clear: put TLS in front and set APP_PROTOCOL=https, or set ALLOW_INSECURE_HTTP=1 to accept plain http';
  }
  const storage = storageConfigProblem(e);
  if (storage) return storage;
  return undefined;
}
