import { cookies } from 'next/headers';
import { env } from '@/lib/config/env';
import { deleteCart, loadCart, newCartId, saveCart } from './cart-store';
import type { Cart } from './schemas';

const CART_COOKIE = 'ezs_cart';

/** The visitor's cart on this storefront, or null. Readable from pages; only actions may write. */
export async function readRequestCart(storefrontId: number): Promise<Cart | null> {
  return loadCart(storefrontId, (await cookies()).get(CART_COOKIE)?.value);
}

/** Saves the cart under the visitor's cookie, minting the cookie on first use (server actions only). */
export async function writeRequestCart(storefrontId: number, cart: Cart): Promise<void> {
  const jar = await cookies();
  let id = jar.get(CART_COOKIE)?.value;
  if (!id || !/^[A-Za-z0-9_-]{10,64}$/.test(id)) {
    id = newCartId();
    jar.set(CART_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: env().APP_PROTOCOL === 'https', path: '/', maxAge: 7 * 24 * 3600 });
  }
  await saveCart(storefrontId, id, cart);
}

/**
 * Empties the cart after an order. The cookie stays (it only names a Redis key): changing cookies in a server
 * action makes Next re-render the page at once, which would unmount the form before it can navigate to the invoice.
 */
export async function clearRequestCart(storefrontId: number): Promise<void> {
  const id = (await cookies()).get(CART_COOKIE)?.value;
  if (id) await deleteCart(storefrontId, id);
}
