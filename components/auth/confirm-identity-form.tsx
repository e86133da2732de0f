import { ActionForm, Field, type ActionResult } from '@/components/ui/action-form';

/**
 * The "confirm it's you" step shown in place of security changes when the session last proved a factor more
 * than a few minutes ago. Its action refreshes the page, which then shows the changes themselves.
 */
export function ConfirmIdentityForm(props: {
  action: (prev: ActionResult | null, data: FormData) => Promise<ActionResult>;
  /** Offer an authenticator code besides the password. */
  withCode: boolean;
  /** What the step unlocks, e.g. "change your email address". */
  purpose: string;
}) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">For your security, confirm it’s you to {props.purpose}. This stays open for 10 minutes.</p>
      <ActionForm action={props.action} submitLabel="Confirm it’s you" className="space-y-3">
        <Field name="password" label="Your password" type="password" autoComplete="current-password" />
        {props.withCode ? <Field name="code" label="Or a code from your authenticator app" autoComplete="one-time-code" maxLength={20} /> : null}
      </ActionForm>
    </div>
  );
}
