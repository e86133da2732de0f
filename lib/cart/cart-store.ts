import { randomBytes } from 'node:crypto';
import { getRedis, redisKey } from '@/lib/redis/client';
import { cartSchema, type Cart } from './schemas';

const TTL_SECONDS = 7 * 24 * 3600;

export function newCartId(): string {
  return randomBytes(18).toString('base64url');
}

const key = (storefrontId: number, cartId: string) => redisKey('cart', String(storefrontId), cartId);

/** A cart kept in Redis under a random id from an httpOnly cookie; anything unreadable counts as no cart. */
export async function loadCart(storefrontId: number, cartId: string | undefined): Promise<Cart | null> {
  if (!cartId || !/^[A-Za-z0-9_-]{10,64}$/.test(cartId)) return null;
  const raw = await getRedis().get(key(storefrontId, cartId));
  if (!raw) return null;
  try {
    const parsed = cartSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function saveCart(storefrontId: number, cartId: string, cart: Cart): Promise<void> {
  await getRedis().set(key(storefrontId, cartId), JSON.stringify(cartSchema.parse(cart)), 'EX', TTL_SECONDS);
}

export async function deleteCart(storefrontId: number, cartId: string): Promise<void> {
  await getRedis().del(key(storefrontId, cartId));
}
