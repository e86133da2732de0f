import { eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { productGroups } from '@/db/schema/storefront/catalog';
import { changedFields, parseInput, rethrowDuplicate } from './parse-input';
import { idSchema, productGroupSchema, type ProductGroupInput } from './schemas';

const duplicate = (slug: string) => `Another product group already uses the slug "${slug}".`;

export async function createProductGroup(db: SfDb, opts: { input: ProductGroupInput; actor: AuditActor }): Promise<{ id: number }> {
  const input = parseInput(productGroupSchema, opts.input);
  try {
    return await db.transaction(async (tx) => {
      const [res] = await tx.insert(productGroups).values(input);
      await recordAudit(tx, { actor: opts.actor, action: 'catalog.group.created', target: { type: 'product_group', id: res.insertId }, after: input });
      return { id: res.insertId };
    });
  } catch (err) {
    rethrowDuplicate(err, 'slug', duplicate(input.slug));
  }
}

export async function updateProductGroup(db: SfDb, opts: { groupId: number; input: ProductGroupInput; actor: AuditActor }): Promise<{ changed: boolean }> {
  const groupId = parseInput(idSchema, opts.groupId);
  const input = parseInput(productGroupSchema, opts.input);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.select().from(productGroups).where(eq(productGroups.id, groupId)).for('update');
      if (!row) throw new AppError('not_found', 'That product group does not exist.');
      const diff = changedFields(row, input);
      if (!diff) return { changed: false };
      await tx.update(productGroups).set(input).where(eq(productGroups.id, groupId));
      await recordAudit(tx, { actor: opts.actor, action: 'catalog.group.updated', target: { type: 'product_group', id: groupId }, ...diff });
      return { changed: true };
    });
  } catch (err) {
    rethrowDuplicate(err, 'slug', duplicate(input.slug));
  }
}
