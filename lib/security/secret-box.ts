import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { env } from '@/lib/config/env';

// AES-256-GCM with a key id in every ciphertext, so APP_KEY can be rotated: the new key encrypts, the previous
// ones (APP_KEYS_PREVIOUS) still decrypt until everything has been re-encrypted.
// Format: v1.<key id>.<iv>.<auth tag>.<ciphertext>, all base64url.

interface Key {
  id: string;
  bytes: Buffer;
}

// Sandbox installs have no APP_KEY; a fixed development key keeps demo data readable across restarts.
const SANDBOX_KEY = createHash('sha256').update('ezscale-sandbox-development-key').digest();

function parseKey(encoded: string): Key {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length !== 32) throw new Error('APP_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes };
}

function keys(): { current: Key; all: Key[] } {
  const e = env();
  let current: Key;
  if (e.APP_KEY) current = parseKey(e.APP_KEY);
  else if (e.APP_MODE === 'sandbox') current = { id: 'sandbox', bytes: SANDBOX_KEY };
  else throw new Error('APP_KEY is not set: production needs it to encrypt secrets (openssl rand -base64 32)');
  const previous = (e.APP_KEYS_PREVIOUS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map(parseKey);
  return { current, all: [current, ...previous] };
}

export function encryptSecret(plaintext: string): string {
  const { current } = keys();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', current.bytes, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function decryptSecret(box: string): string {
  const [version, keyId, iv, tag, ct] = box.split('.');
  if (version !== 'v1' || !keyId || !iv || !tag || ct === undefined) throw new Error('Not an encrypted secret');
  const key = keys().all.find((k) => k.id === keyId);
  if (!key) throw new Error(`Secret was encrypted with key ${keyId}, which is not configured (APP_KEY / APP_KEYS_PREVIOUS)`);
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** Whether a stored secret should be re-encrypted under the current key. */
export function needsReencryption(box: string): boolean {
  return box.split('.')[1] !== keys().current.id;
}
