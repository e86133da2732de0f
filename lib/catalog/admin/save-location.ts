import { eq } from 'drizzle-orm';
import type { SfDb } from '@/lib/db/connection';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { locations } from '@/db/schema/storefront/catalog';
import { changedFields, parseInput, rethrowDuplicate } from './parse-input';
import { idSchema, locationSchema, type LocationInput } from './schemas';

const duplicate = (code: string) => `Another location already uses the code "${code}".`;

export async function createLocation(db: SfDb, opts: { input: LocationInput; actor: AuditActor }): Promise<{ id: number }> {
  const input = parseInput(locationSchema, opts.input);
  try {
    return await db.transaction(async (tx) => {
      const [res] = await tx.insert(locations).values(input);
      await recordAudit(tx, { actor: opts.actor, action: 'catalog.location.created', target: { type: 'location', id: res.insertId }, after: input });
      return { id: res.insertId };
    });
  } catch (err) {
    rethrowDuplicate(err, 'code', duplicate(input.code));
  }
}

/** Locations are deactivated rather than deleted: orders and services keep pointing at them. */
export async function updateLocation(db: SfDb, opts: { locationId: number; input: LocationInput; actor: AuditActor }): Promise<{ changed: boolean }> {
  const locationId = parseInput(idSchema, opts.locationId);
  const input = parseInput(locationSchema, opts.input);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.select().from(locations).where(eq(locations.id, locationId)).for('update');
      if (!row) throw new AppError('not_found', 'That location does not exist.');
      const diff = changedFields(row, input);
      if (!diff) return { changed: false };
      await tx.update(locations).set(input).where(eq(locations.id, locationId));
      await recordAudit(tx, { actor: opts.actor, action: 'catalog.location.updated', target: { type: 'location', id: locationId }, ...diff });
      return { changed: true };
    });
  } catch (err) {
    rethrowDuplicate(err, 'code', duplicate(input.code));
  }
}
