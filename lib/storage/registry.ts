import { env, type Env } from '@/lib/config/env';
import { awsEndpoint } from '@/lib/integrations/s3/client';
import { createDiskStore } from './drivers/disk';
import { createS3Store } from './drivers/s3';
import type { FileStore } from './file-store';
import { storageConfigProblem } from './storage-config';

type StorageDriver = Env['STORAGE_DRIVER'];

/** Each driver builds its store from the environment; a new backend adds one entry (and its name to STORAGE_DRIVER). */
export const STORAGE_DRIVERS: Record<StorageDriver, (e: Env) => FileStore> = {
  disk: (e) => createDiskStore(e.STORAGE_DIR),
  s3: (e) =>
    createS3Store({
      endpoint: e.S3_ENDPOINT ?? awsEndpoint(e.S3_REGION),
      region: e.S3_REGION,
      bucket: e.S3_BUCKET!,
      accessKeyId: e.S3_ACCESS_KEY_ID!,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
      pathStyle: e.S3_FORCE_PATH_STYLE === '1',
    }),
};

const g = globalThis as unknown as { __ezsFileStore?: { config: string; store: FileStore } };

/** The file store the environment names, built once per process (again only when the configuration changes, as in tests). */
export function getFileStore(e: Env = env()): FileStore {
  const config = JSON.stringify([e.STORAGE_DRIVER, e.STORAGE_DIR, e.S3_ENDPOINT, e.S3_REGION, e.S3_BUCKET, e.S3_ACCESS_KEY_ID, e.S3_FORCE_PATH_STYLE]);
  if (g.__ezsFileStore?.config === config) return g.__ezsFileStore.store;
  const problem = storageConfigProblem(e);
  if (problem) throw new Error(problem);
  const store = STORAGE_DRIVERS[e.STORAGE_DRIVER](e);
  g.__ezsFileStore = { config, store };
  return store;
}
