import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * How the sandbox's simulators POST their webhooks. Browsers send `*.localhost` to the loopback address (RFC 6761)
 * but Node's resolver does not, and the sandbox's storefront hosts are `account.localhost` and the like; so such
 * hosts are dialled on 127.0.0.1 with their name kept in the Host header, which is how the app picks the storefront.
 */
export function postWebhook(url: string, init: { headers: Record<string, string>; body: string; timeoutMs: number }): Promise<{ status: number }> {
  const u = new URL(url);
  const loopback = u.hostname === 'localhost' || u.hostname.endsWith('.localhost');
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        host: loopback ? '127.0.0.1' : u.hostname,
        port: u.port || (u.protocol === 'https:' ? 443 : 80),
        path: `${u.pathname}${u.search}`,
        method: 'POST',
        headers: { ...init.headers, host: u.host, 'content-length': String(Buffer.byteLength(init.body)) },
        timeout: init.timeoutMs,
        servername: u.hostname,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`webhook POST to ${url} timed out`)));
    req.on('error', reject);
    req.end(init.body);
  });
}
