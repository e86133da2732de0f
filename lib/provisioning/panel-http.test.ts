import { describe, expect, it } from 'vitest';
import { redact, responseExcerpt } from './panel-http';

describe('what the provisioning log keeps of a panel exchange', () => {
  it('masks Kasm keys, secrets, session tokens and session links', () => {
    expect(redact({ api_key: 'k', api_key_secret: 's', target_user: { username: 'svc_1', password: 'p' } })).toEqual({
      api_key: '[redacted]',
      api_key_secret: '[redacted]',
      target_user: { username: 'svc_1', password: '[redacted]' },
    });
    const answer = JSON.stringify({ kasm_id: 'k1', session_token: 'tok123', share_id: 'share9', kasm_url: '/#/connect/kasm/k1/u1/tok123' });
    const excerpt = responseExcerpt(answer);
    expect(excerpt).toContain('"kasm_id":"k1"');
    expect(excerpt).not.toContain('tok123');
    expect(excerpt).not.toContain('share9');
  });
});
