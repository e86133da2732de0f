'use client';

import { usePathname } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/forms/action-result';

type Flashable = ActionResult & { message: string };

/**
 * How long a form must have shown a result before its removal no longer flashes it: Next.js may commit the
 * revalidated tree, which drops the form, just after the form's own state update rather than together with it.
 */
export const SEEN_AFTER_MS = 1000;

/**
 * Whether an action's result needs the flash: it has something to say, is not navigating away anyway, and the form
 * that sent it has not shown it (`shown` is what that form last committed, `shownForMs` for how long).
 */
export function shouldFlash(result: ActionResult | null | undefined, shown: ActionResult | null, shownForMs = Infinity): result is Flashable {
  return Boolean(result?.message) && !result?.redirectTo && (result !== shown || shownForMs < SEEN_AFTER_MS);
}

const FlashContext = createContext<((result: Flashable) => void) | null>(null);

/** Shows a result in the area's flash; null outside a FlashProvider. */
export function useFlash(): ((result: Flashable) => void) | null {
  return useContext(FlashContext);
}

/**
 * Sits in an area layout, which survives the re-render a server action's revalidatePath causes, so it can show the
 * message of a form that re-render removed.
 */
export function FlashProvider({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  // The path a flash belongs to: a form removed by navigating elsewhere must not flash on the next page.
  const pathRef = useRef(pathname);
  useEffect(() => {
    pathRef.current = pathname;
  }, [pathname]);
  const seq = useRef(0);
  const [flash, setFlash] = useState<{ id: number; ok: boolean; message: string; path: string } | null>(null);
  const show = useCallback((result: Flashable) => {
    seq.current += 1;
    setFlash({ id: seq.current, ok: result.ok, message: result.message, path: pathRef.current });
  }, []);
  return (
    <FlashContext.Provider value={show}>
      {children}
      {flash && flash.path === pathname ? (
        <div className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
          <div
            key={flash.id}
            className={`pointer-events-auto flex max-w-xl items-start gap-3 rounded-lg border bg-white px-4 py-3 shadow-sm ${flash.ok ? 'border-green-200' : 'border-red-200'}`}
          >
            <p role={flash.ok ? 'status' : 'alert'} className={`text-sm ${flash.ok ? 'text-green-700' : 'text-red-700'}`}>
              {flash.message}
            </p>
            <button type="button" onClick={() => setFlash(null)} aria-label="Dismiss message" className="text-sm leading-5 text-slate-500 hover:text-slate-900">
              ×
            </button>
          </div>
        </div>
      ) : null}
    </FlashContext.Provider>
  );
}
