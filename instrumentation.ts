// Runs once per server process before Next handles requests. The runtime check wraps the import, so the edge
// bundle never pulls in node:http (the pattern Next's instrumentation docs give).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installPeerAddressHook } = await import('@/lib/security/peer-address-hook');
    installPeerAddressHook();
  }
}
