// Browser-side WebAuthn failures as sentences; the server's own messages arrive already worded.
export function describeWebAuthnError(err: unknown, action: 'add' | 'sign-in'): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'AbortError') return action === 'add' ? 'Adding the passkey was cancelled or timed out.' : 'Passkey sign-in was cancelled or timed out.';
  if (name === 'InvalidStateError') return 'This authenticator already holds a passkey for this account.';
  if (name === 'SecurityError') return 'Passkeys are not available on this address.';
  if (name === 'NotSupportedError') return 'This browser or device does not support passkeys.';
  return action === 'add' ? 'The passkey could not be added. Try again.' : 'Passkey sign-in failed. Try again.';
}
