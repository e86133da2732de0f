/**
 * A request body as text, or null when it is larger than maxBytes. A Content-Length over the limit is refused
 * before a byte is read; otherwise the stream is counted as it arrives and dropped the moment it passes the limit,
 * so an endpoint anyone may POST to never buffers more than it allows.
 */
export async function readLimitedBody(req: Request, maxBytes: number): Promise<string | null> {
  const declared = req.headers.get('content-length')?.trim();
  if (declared && /^\d+$/.test(declared) && Number(declared) > maxBytes) return null;
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
