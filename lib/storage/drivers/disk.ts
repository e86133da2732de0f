import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { assertStorageKey, StorageError, type FileStore } from '../file-store';

function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code?: string }).code === 'ENOENT';
}

/** Files under one directory, a key's segments as subdirectories. The content type is not kept: keys carry an extension. */
export function createDiskStore(dir: string): FileStore {
  const root = resolve(dir);
  const pathOf = (key: string) => {
    assertStorageKey(key);
    return join(root, ...key.split('/'));
  };
  return {
    driver: 'disk',
    async put(key, bytes) {
      const path = pathOf(key);
      // Written beside the target and renamed over it, so a reader (or a crash) never sees a partial file.
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(tmp, bytes);
        await rename(tmp, path);
      } catch (err) {
        await rm(tmp, { force: true }).catch(() => undefined);
        throw new StorageError(`Could not write ${key}: ${err instanceof Error ? err.message : String(err)}`, true);
      }
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (err) {
        if (isMissing(err)) return null;
        if (err instanceof StorageError) throw err;
        throw new StorageError(`Could not read ${key}: ${err instanceof Error ? err.message : String(err)}`, true);
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
