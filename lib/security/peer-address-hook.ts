import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

const INSTALLED = Symbol.for('ezs.peerAddressHook');

/**
 * Appends the TCP peer's address to the request's X-Forwarded-For, as nginx's $proxy_add_x_forwarded_for does.
 * An unknown peer (the socket already gone) becomes a hop that is not an address, so no client IP is believed.
 */
export function appendPeerAddress(req: IncomingMessage): void {
  const peer = req.socket?.remoteAddress ?? 'unknown';
  const prior = req.headers['x-forwarded-for'];
  req.headers['x-forwarded-for'] = prior ? `${prior}, ${peer}` : peer;
}

/**
 * Next fills X-Forwarded-For from the socket only when the request has none, and App Router code never sees the
 * socket: a client talking to Next directly could pick its own address. This hook (installed by
 * instrumentation.ts) makes the last hop always the connection's real peer, for every HTTP(S) server in the
 * process, before Next reads the request; lib/security/client-ip.ts then trusts hops from the right only while
 * they are TRUSTED_PROXIES. Requests that arrived before the hook was installed (the first moments after
 * `next start` listens) are not covered: run the app behind the reverse proxy, with its port unpublished.
 */
export function installPeerAddressHook(): void {
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as { emit: (event: string | symbol, ...args: unknown[]) => boolean; [INSTALLED]?: true };
    if (proto[INSTALLED]) continue;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'request') appendPeerAddress(args[0] as IncomingMessage);
      return emit.call(this, event, ...args);
    };
    proto[INSTALLED] = true;
  }
}
