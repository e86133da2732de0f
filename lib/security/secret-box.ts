import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { env, type Env } from '@/lib/config/env';

// AES-256-GCM with a key id in every ciphertext, so APP_KEY can be rotated: the new key encrypts, the previous
// ones (APP_KEYS_PREVIOUS) still decrypt until everything has been re-encrypted.
// Format: v1.<key id>.<iv>.<auth tag>.<ciphertext>, all base64url.

interface Key {
  id: string;
  bytes: Buffer;
}

function parseKey(encoded: string, name: string): Key {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes };
}

/**
 * The configured keys, or an error naming what is wrong. No mode has a built-in key: a key in the source would
 * open every install's secrets. `npm run dev` writes a random one to .env, tests set their own.
 */
export function configuredKeys(e: Env = env()): { current: Key; all: Key[] } {
  if (!e.APP_KEY) {
    const hint = e.APP_MODE === 'sandbox' ? '`npm run dev` writes one to .env' : 'production mode needs it';
    throw new Error(`APP_KEY is not set: it encrypts secrets at rest and ${hint} (generate one with openssl rand -base64 32 and keep it)`);
  }
  const current = parseKey(e.APP_KEY, 'APP_KEY');
  const previous = (e.APP_KEYS_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => parseKey(k, 'every key in APP_KEYS_PREVIOUS'));
  return { current, all: [current, ...previous] };
}

export function encryptSecret(plaintext: string): string {
  const { current } = configuredKeys();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current.bytes, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function decryptSecret(box: string): string {
  const [version, keyId, iv, tag, ct] = box.split('.');
  if (version !== 'v1' || !keyId || !iv || !tag || ct === undefined) throw new Error('Not an encrypted secret');
  const key = configuredKeys().all.find((k) => k.id === keyId);
  if (!key) throw new Error(`Secret was encrypted with key ${keyId}, which is not configured (APP_KEY / APP_KEYS_PREVIOUS)`);
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** Whether a stored secret should be re-encrypted under the current key. */
export function needsReencryption(box: string): boolean {
  return box.split('.')[1] !== configuredKeys().current.id;
}
