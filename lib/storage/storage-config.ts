import type { Env } from '@/lib/config/env';

/** What is missing for the configured storage driver to work, or undefined; production refuses to start on it. */
export function storageConfigProblem(e: Env): string | undefined {
  if (e.STORAGE_DRIVER !== 's3') return undefined;
  const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !e[k]);
  return missing.length ? `STORAGE_DRIVER=s3 needs ${missing.join(', ')}` : undefined;
}
