import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { escapeHtml, notFound, page, RecentList, sendEmpty, sendHtml, sendJson } from '@/sandbox/shared/http';

// A catch-all mail server for the sandbox: accepts any sender, recipient and credentials, keeps the
// newest messages in memory and shows them on /mail. No TLS, so it must only listen on a local address.

export interface CapturedMail {
  id: string;
  from: string;
  /** The Reply-To header, '' when there is none. */
  replyTo: string;
  /** Envelope recipients, so Bcc'd addresses are included. */
  to: string[];
  subject: string;
  text: string | null;
  html: string | null;
  date: string;
  messageId: string | null;
  attachments: { filename: string | null; contentType: string; size: number }[];
}

export interface SmtpSimulator {
  /** Starts the SMTP listener; port 0 picks a free port. Resolves with the port in use. */
  listen: (port: number, host: string) => Promise<number>;
  close: () => Promise<void>;
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
  messages: () => readonly CapturedMail[];
  clear: () => void;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

function addressText(a: AddressObject | AddressObject[] | undefined): string {
  if (!a) return '';
  return (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', ');
}

export function createSmtpSimulator(opts: { cap?: number } = {}): SmtpSimulator {
  const store = new RecentList<CapturedMail>(opts.cap ?? 500);
  let nextId = 1;

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: MAX_MESSAGE_BYTES,
    banner: 'EZSCALE sandbox SMTP',
    // A sandbox shutting down should not wait 30 s for an idle client to hang up.
    closeTimeout: 2000,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username ?? 'sandbox' }),
    onData: (stream, session, cb) => {
      simpleParser(stream)
        .then((mail) => {
          if (stream.sizeExceeded) return cb(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          store.add({
            id: String(nextId++),
            from: addressText(mail.from) || (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            replyTo: addressText(mail.replyTo),
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? null,
            html: typeof mail.html === 'string' ? mail.html : null,
            date: (mail.date ?? new Date()).toISOString(),
            messageId: mail.messageId ?? null,
            attachments: mail.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size })),
          });
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  server.on('error', (err) => console.error(`[sandbox:smtp] ${err.message}`));

  function inboxPage(): string {
    const rows = store
      .list()
      .map(
        (m) => `<tr><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/mail/messages/${escapeHtml(m.id)}">${escapeHtml(m.subject || '(no subject)')}</a></td>
<td>${escapeHtml(m.from)}</td><td class="muted">${escapeHtml(m.date)}</td></tr>`,
      )
      .join('');
    return page(
      'Mail inbox',
      `<p class="muted">Every email sent to the sandbox SMTP server, newest first.</p>
<form method="post" action="/mail/clear"><button>Clear all</button></form>
${rows ? `<table><thead><tr><th>To</th><th>Subject</th><th>From</th><th>Received</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">No mail yet.</p>'}`,
    );
  }

  function messagePage(m: CapturedMail): string {
    // The body runs in a sandboxed iframe with no scripts; links open in a new tab so they can be followed.
    const html = m.html
      ? `<h2>HTML</h2><iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(`<base target="_blank">${m.html}`)}"></iframe>`
      : '';
    return page(
      m.subject || '(no subject)',
      `<p><a href="/mail">&larr; Inbox</a></p>
<table><tbody><tr><th>From</th><td>${escapeHtml(m.from)}</td></tr><tr><th>To</th><td>${escapeHtml(m.to.join(', '))}</td></tr>
<tr><th>Date</th><td>${escapeHtml(m.date)}</td></tr><tr><th>Message-ID</th><td>${escapeHtml(m.messageId ?? '')}</td></tr></tbody></table>
${html}<h2>Text</h2><pre>${escapeHtml(m.text ?? '(no text part)')}</pre>`,
    );
  }

  return {
    messages: () => store.list(),
    clear: () => store.clear(),
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        server.server.once('error', onError);
        server.listen(port, host, () => {
          server.server.off('error', onError);
          resolve((server.server.address() as AddressInfo).port);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
    handle: async (req, res, url) => {
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const one = /^\/mail\/(?:api\/)?messages\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && path === '/mail') return sendHtml(res, 200, inboxPage());
      if (req.method === 'GET' && path === '/mail/api/messages') {
        const to = url.searchParams.get('to')?.trim().toLowerCase();
        const list = to ? store.list().filter((m) => m.to.some((a) => a.toLowerCase() === to)) : store.list();
        return sendJson(res, 200, list);
      }
      if (req.method === 'DELETE' && path === '/mail/api/messages') {
        store.clear();
        return sendEmpty(res, 204);
      }
      if (req.method === 'POST' && path === '/mail/clear') {
        store.clear();
        return sendEmpty(res, 303, { location: '/mail' });
      }
      if (req.method === 'GET' && one) {
        const m = store.list().find((x) => x.id === one[1]);
        if (!m) return notFound(res);
        return path.startsWith('/mail/api/') ? sendJson(res, 200, m) : sendHtml(res, 200, messagePage(m));
      }
      return notFound(res);
    },
  };
}
