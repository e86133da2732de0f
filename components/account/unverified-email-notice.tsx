import { ActionForm, type ActionResult } from '@/components/ui/action-form';

/** Says why an action is closed to an unverified address, with the way to get a new verification link. */
export function UnverifiedEmailNotice(props: { email: string; doing: string; resend: (prev: ActionResult | null, data: FormData) => Promise<ActionResult> }) {
  return (
    <div role="note" className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <p>
        Confirm your email address ({props.email}) before {props.doing}: open the link we emailed you, or send a new one.
      </p>
      <ActionForm action={props.resend} submitLabel="Resend verification email" />
    </div>
  );
}
