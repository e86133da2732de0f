import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { env, sandboxBaseUrl } from '@/lib/config/env';
import { getCentralDb } from '@/lib/db/central';
import { queueEmail } from '@/lib/email/enqueue-email';
import { outboxMessageId, sendOutboxEmail } from '@/lib/email/send-outbox-email';
import { smtpUrl } from '@/lib/email/transport';
import { AppError } from '@/lib/errors/app-error';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { storefronts, type Storefront } from '@/db/schema/central';
import { defineCommand } from '../command';

/** The named storefront; by default the retail one, else the first there is. */
async function pickStorefront(slug?: string): Promise<Storefront> {
  const central = getCentralDb();
  if (slug) {
    const [sf] = await central.select().from(storefronts).where(eq(storefronts.slug, slug)).limit(1);
    if (!sf) throw new AppError('not_found', `No storefront with slug "${slug}".`);
    return sf;
  }
  const [retail] = await central.select().from(storefronts).where(eq(storefronts.kind, 'retail')).orderBy(asc(storefronts.id)).limit(1);
  const [first] = retail ? [retail] : await central.select().from(storefronts).orderBy(asc(storefronts.id)).limit(1);
  if (!first) throw new AppError('not_found', 'No storefront yet: run bin/ezscale seed first.');
  return first;
}

/** The SMTP server without credentials, for output. */
function smtpTarget(): string {
  try {
    const u = new URL(smtpUrl());
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'no SMTP server';
  }
}

export const mailTestCommand = defineCommand({
  name: 'mail:test',
  summary: 'Send a test email now, through the outbox and the configured SMTP server (no worker needed)',
  usage: '--to EMAIL [--storefront SLUG]',
  json: true,
  schema: z.object({
    _: z.array(z.string()).max(0, 'takes no positional arguments'),
    to: z.email({ error: 'must be an email address' }),
    storefront: z.string().optional(),
  }),
  run: async (args, io) => {
    const sf = await pickStorefront(args.storefront);
    const db = openStorefrontDb(sf);
    const { id } = await queueEmail(db, { to: args.to, template: 'test-message', props: { requestedBy: 'bin/ezscale mail:test' } });
    // A failure is recorded on the outbox row before it propagates, so it also shows up in the admin.
    let outcome: Awaited<ReturnType<typeof sendOutboxEmail>>;
    try {
      outcome = await sendOutboxEmail(db, sf, id);
    } catch (err) {
      const hint = env().APP_MODE === 'sandbox' && !env().SMTP_URL ? ' Is the sandbox running (npm run sandbox)?' : '';
      throw new AppError('unavailable', `Outbox #${id} to ${args.to} failed via ${smtpTarget()}: ${err instanceof Error ? err.message : String(err)}.${hint}`);
    }
    const messageId = outboxMessageId(sf.id, id);
    const result = { storefront: sf.slug, outboxId: id, status: outcome, to: args.to, messageId, smtp: smtpTarget() };
    if (io.json) return result;
    io.out(`Sent test email to ${args.to} from storefront ${sf.slug} via ${result.smtp} (outbox #${id}, Message-ID ${messageId}).`);
    if (env().APP_MODE === 'sandbox' && !env().SMTP_URL) io.out(`Read it at ${sandboxBaseUrl()}/mail`);
    return undefined;
  },
});
