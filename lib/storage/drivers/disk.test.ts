import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStorageKey, StorageError } from '../file-store';
import { createDiskStore } from './disk';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ezs-disk-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('disk file store', () => {
  it('writes under the key’s folders, reads it back, replaces and deletes it', async () => {
    const store = createDiskStore(dir);
    await store.put('shop/branding/logo-1.png', Buffer.from('one'), { contentType: 'image/png' });
    expect(await readdir(join(dir, 'shop', 'branding'))).toEqual(['logo-1.png']);
    expect((await store.get('shop/branding/logo-1.png'))?.toString()).toBe('one');
    await store.put('shop/branding/logo-1.png', Buffer.from('two'), { contentType: 'image/png' });
    expect((await store.get('shop/branding/logo-1.png'))?.toString()).toBe('two');
    // No temporary file is left beside it.
    expect(await readdir(join(dir, 'shop', 'branding'))).toEqual(['logo-1.png']);
    await store.delete('shop/branding/logo-1.png');
    expect(await store.get('shop/branding/logo-1.png')).toBeNull();
    await store.delete('shop/branding/logo-1.png');
  });

  it('refuses keys that could leave its directory or that drivers would read differently', async () => {
    for (const bad of ['../x', 'a/../../x', '/abs', 'a//b', 'A/b', 'a/b/', 'a\\b', 'a/.hidden', 'a b', '']) expect(isStorageKey(bad), bad).toBe(false);
    expect(isStorageKey('shop/branding/logo-0f.png')).toBe(true);
    const store = createDiskStore(dir);
    await expect(store.get('../outside')).rejects.toBeInstanceOf(StorageError);
    await expect(store.put('a/../../x', Buffer.from('x'), { contentType: 'text/plain' })).rejects.toBeInstanceOf(StorageError);
  });
});
