// Next calls register() once when a server starts, before it serves a request (never during `next build`). The
// runtime check wraps the imports, so the edge bundle never pulls in node:http (the pattern Next's docs give).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installPeerAddressHook } = await import('@/lib/security/peer-address-hook');
  installPeerAddressHook();
  const { exitIfWebStartRefused } = await import('@/lib/setup/web-start-refusal');
  await exitIfWebStartRefused();
}
