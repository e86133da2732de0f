/**
 * Where uploaded files live (logos, favicons): one interface over a local directory or an S3-compatible bucket,
 * picked by STORAGE_DRIVER (registry.ts). Keys are slash-separated paths that name their owner first
 * (`<storefront slug>/branding/logo-<sha256>.png`); callers that make keys content-addressed get immutable files.
 */
export interface FileStore {
  /** The driver's name, for logs and the system page. */
  readonly driver: string;
  /**
   * Writes the bytes under the key, replacing what was there. Safe to repeat: a retry after a failure writes the
   * same object again, and a reader never sees half a file (the disk driver renames into place, S3 PUTs whole).
   */
  put(key: string, bytes: Uint8Array, opts: { contentType: string }): Promise<void>;
  /** The bytes under the key, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the key; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** A storage backend that failed (disk error, S3 answered 5xx or could not be reached); `retryable` says whether to try again. */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

// Lowercase path segments that start with a letter or digit: no "..", no leading slash, nothing a driver must escape.
const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,127}(\/[a-z0-9][a-z0-9._-]{0,127}){0,7}$/;

export function isStorageKey(key: string): boolean {
  return key.length <= 512 && KEY_PATTERN.test(key) && !key.split('/').some((s) => s.includes('..'));
}

/** Every driver checks keys the same way, so a key that works on disk works on S3 and the reverse. */
export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new StorageError(`Invalid storage key "${key.slice(0, 80)}".`, false);
}
