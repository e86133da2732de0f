import { createS3Client, S3Error, type S3Config } from '@/lib/integrations/s3/client';
import { assertStorageKey, StorageError, type FileStore } from '../file-store';

function storageError(err: unknown): unknown {
  return err instanceof S3Error ? new StorageError(err.message, err.retryable) : err;
}

/** Objects in one S3-compatible bucket, the storage key as the object key. */
export function createS3Store(cfg: S3Config): FileStore {
  const client = createS3Client(cfg);
  return {
    driver: 's3',
    async put(key, bytes, opts) {
      assertStorageKey(key);
      await client.putObject(key, bytes, opts.contentType).catch((err: unknown) => Promise.reject(storageError(err)));
    },
    async get(key) {
      assertStorageKey(key);
      return client.getObject(key).catch((err: unknown) => Promise.reject(storageError(err)));
    },
    async delete(key) {
      assertStorageKey(key);
      await client.deleteObject(key).catch((err: unknown) => Promise.reject(storageError(err)));
    },
  };
}
