'use client';

import { useActionFormState } from '@/components/ui/action-form';

/**
 * The service login returned by the enclosing ActionForm's reveal action. It lives only in that form's state, so it
 * is gone after a reload or when the person leaves the page.
 */
export function RevealedLogin() {
  const state = useActionFormState();
  const username = state?.ok ? state.values?.loginUsername : undefined;
  const password = state?.ok ? state.values?.loginPassword : undefined;
  if (username === undefined || password === undefined) return null;
  return (
    <dl className="grid w-full grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="service-login">
      <dt className="font-medium">Username</dt>
      <dd>
        <code className="select-all break-all">{username}</code>
      </dd>
      <dt className="font-medium">Password</dt>
      <dd>
        <code className="select-all break-all">{password}</code>
      </dd>
    </dl>
  );
}
