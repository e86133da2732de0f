import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STOREFRONT_MIGRATIONS = fileURLToPath(new URL('../../db/migrations/storefront', import.meta.url));

interface Journal {
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
}

/**
 * A copy of the storefront migrations (or of an earlier such folder, `from`, to add one more on top) plus
 * migrations of the caller's own, one statement each; pass `folder` as migrateAll's storefrontMigrationsFolder.
 */
export async function storefrontMigrationsWith(
  extra: { tag: string; statements: string[] }[],
  opts: { from?: string } = {},
): Promise<{ folder: string; cleanup: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'ezs-migrations-'));
  await cp(opts.from ?? STOREFRONT_MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as Journal;
  for (const m of extra) {
    const last = journal.entries.at(-1)!;
    // Later than every real migration, whatever the clock says: drizzle applies what is newer than the last applied.
    journal.entries.push({ idx: last.idx + 1, version: last.version, when: Math.max(Date.now(), last.when + 1), tag: m.tag, breakpoints: true });
    await writeFile(join(folder, `${m.tag}.sql`), m.statements.join('\n--> statement-breakpoint\n'));
  }
  await writeFile(journalPath, JSON.stringify(journal, null, 2));
  return { folder, cleanup: () => rm(folder, { recursive: true, force: true }) };
}
