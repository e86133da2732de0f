import { describe, expect, it } from 'vitest';
import { summarizePipeline } from './pipeline-summary';

describe('summarizePipeline', () => {
  it('counts done steps in pipeline order and names the next one', () => {
    const s = summarizePipeline([
      { step: 'migrate', status: 'running' },
      { step: 'database', status: 'done' },
    ]);
    expect(s).toEqual({ done: 1, total: 8, percent: 12, current: 'migrate', failed: null });
  });

  it('reports the failed step with its error', () => {
    const s = summarizePipeline([
      { step: 'database', status: 'done' },
      { step: 'migrate', status: 'done' },
      { step: 'seed', status: 'failed', error: 'boom' },
    ]);
    expect(s.current).toBe('seed');
    expect(s.failed).toEqual({ step: 'seed', error: 'boom' });
  });

  it('is 100 % with no current step once all are done', () => {
    const all = (['database', 'migrate', 'seed', 'hostnames', 'branding', 'invite', 'activate', 'welcome'] as const).map((step) => ({ step, status: 'done' as const }));
    expect(summarizePipeline(all)).toMatchObject({ done: 8, percent: 100, current: null, failed: null });
  });
});
