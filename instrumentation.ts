// Next calls register() once when a server starts, before it serves a request (never during `next build`).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { exitIfWebStartRefused } = await import('@/lib/setup/web-start-refusal');
  await exitIfWebStartRefused();
}
