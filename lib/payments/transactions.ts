import { and, eq, isNull } from 'drizzle-orm';
import { gatewayCustomers, paymentMethods, paymentTransactions, type PAYMENT_TRANSACTION_FLOWS, type PAYMENT_TRANSACTION_KINDS } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { publicId } from '@/lib/ids/public-id';
import type { SavedMethod } from './gateway';

export type PaymentTransaction = typeof paymentTransactions.$inferSelect;

export interface NewTransaction {
  customerId: number;
  invoiceId: number | null;
  gateway: string;
  kind: (typeof PAYMENT_TRANSACTION_KINDS)[number];
  flow: (typeof PAYMENT_TRANSACTION_FLOWS)[number];
  currency: string;
  amountMinor: number;
  paymentMethodId?: number | null;
  parentId?: number | null;
  /** Defaults to the attempt's own id; automatic charges pass `charge:<invoice>:<attempt>` so a re-run finds it. */
  idempotencyKey?: string;
  /** When the attempt is made (the billing run's clock); defaults to now. */
  at?: Date;
}

/** Records an attempt before the gateway is called, so a crash after the call still has the row to settle. */
export async function createTransaction(db: SfDb, input: NewTransaction): Promise<PaymentTransaction> {
  const pid = publicId('txn');
  await db.insert(paymentTransactions).values({
    publicId: pid,
    customerId: input.customerId,
    invoiceId: input.invoiceId,
    gateway: input.gateway,
    kind: input.kind,
    flow: input.flow,
    currency: input.currency,
    amountMinor: input.amountMinor,
    paymentMethodId: input.paymentMethodId ?? null,
    parentId: input.parentId ?? null,
    idempotencyKey: input.idempotencyKey ?? pid,
    ...(input.at ? { createdAt: input.at } : {}),
  });
  const [row] = await db.select().from(paymentTransactions).where(eq(paymentTransactions.publicId, pid));
  return row!;
}

export async function lockTransaction(tx: SfDb, id: number): Promise<PaymentTransaction> {
  const [row] = await tx.select().from(paymentTransactions).where(eq(paymentTransactions.id, id)).for('update');
  if (!row) throw new AppError('not_found', 'No such payment attempt.');
  return row;
}

export async function findTransactionByPublicId(db: SfDb, pid: string): Promise<PaymentTransaction | null> {
  const [row] = await db.select().from(paymentTransactions).where(eq(paymentTransactions.publicId, pid));
  return row ?? null;
}

/** The attempt a gateway event is about: by our attempt id from metadata, else by the gateway's payment id. */
export async function findTransactionForEvent(db: SfDb, gateway: string, ids: { attemptId: string | null; gatewayPaymentId: string | null; gatewayRef?: string | null }): Promise<PaymentTransaction | null> {
  if (ids.attemptId) {
    const byAttempt = await findTransactionByPublicId(db, ids.attemptId);
    if (byAttempt && byAttempt.gateway === gateway) return byAttempt;
  }
  for (const [col, value] of [
    [paymentTransactions.gatewayPaymentId, ids.gatewayPaymentId],
    [paymentTransactions.gatewayRef, ids.gatewayRef ?? null],
  ] as const) {
    if (!value) continue;
    const [row] = await db
      .select()
      .from(paymentTransactions)
      .where(and(eq(paymentTransactions.gateway, gateway), eq(col, value), eq(paymentTransactions.kind, 'charge')))
      .limit(1);
    if (row) return row;
  }
  return null;
}

/** The customer's id at the gateway, if we stored one. */
export async function gatewayCustomerIdOf(db: SfDb, customerId: number, gateway: string): Promise<string | null> {
  const [row] = await db
    .select({ id: gatewayCustomers.gatewayCustomerId })
    .from(gatewayCustomers)
    .where(and(eq(gatewayCustomers.customerId, customerId), eq(gatewayCustomers.gateway, gateway)));
  return row?.id ?? null;
}

/** Remembers the customer's gateway id; a concurrent request that stored it first wins and its id is returned. */
export async function rememberGatewayCustomer(db: SfDb, customerId: number, gateway: string, gatewayCustomerId: string): Promise<string> {
  try {
    await db.insert(gatewayCustomers).values({ customerId, gateway, gatewayCustomerId });
    return gatewayCustomerId;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    // A locking read sees the other writer's committed row, which this transaction's snapshot may predate.
    const [row] = await db
      .select({ id: gatewayCustomers.gatewayCustomerId })
      .from(gatewayCustomers)
      .where(and(eq(gatewayCustomers.customerId, customerId), eq(gatewayCustomers.gateway, gateway)))
      .for('update');
    return row?.id ?? gatewayCustomerId;
  }
}

/**
 * Stores a method the gateway saved (idempotent on the gateway's method id); the customer's first live method
 * becomes their default.
 */
export async function upsertSavedMethod(tx: SfDb, customerId: number, gateway: string, m: SavedMethod): Promise<{ id: number; created: boolean }> {
  const [existing] = await tx
    .select({ id: paymentMethods.id, removedAt: paymentMethods.removedAt })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.gateway, gateway), eq(paymentMethods.gatewayMethodId, m.gatewayMethodId)));
  if (existing) return { id: existing.id, created: false };
  const [live] = await tx
    .select({ id: paymentMethods.id })
    .from(paymentMethods)
    .where(and(eq(paymentMethods.customerId, customerId), isNull(paymentMethods.removedAt), eq(paymentMethods.isDefault, true)))
    .limit(1);
  try {
    const [res] = await tx.insert(paymentMethods).values({
      publicId: publicId('pm'),
      customerId,
      gateway,
      kind: m.kind,
      gatewayMethodId: m.gatewayMethodId,
      brand: m.brand,
      last4: m.last4,
      expMonth: m.expMonth,
      expYear: m.expYear,
      label: m.label,
      isDefault: !live,
    });
    return { id: res.insertId, created: true };
  } catch (err) {
    // The webhook and the return page both report a new card: whichever stored it first stands.
    if (!isDuplicateKeyError(err)) throw err;
    // A locking read: the other writer's row committed after this transaction's snapshot was taken.
    const [row] = await tx
      .select({ id: paymentMethods.id })
      .from(paymentMethods)
      .where(and(eq(paymentMethods.gateway, gateway), eq(paymentMethods.gatewayMethodId, m.gatewayMethodId)))
      .for('update');
    return { id: row!.id, created: false };
  }
}
