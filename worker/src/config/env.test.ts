import { describe, expect, it } from 'vitest';
import { loadWorkerConfig } from './env';

describe('worker configuration', () => {
  it('when the settle window is not longer than the platform request timeout, then the worker refuses to start', () => {
    expect(() => loadWorkerConfig({ X_REQUEST_TIMEOUT_MS: '15000', SIAR_SETTLE_MS: '15000' })).toThrow(/SIAR_SETTLE_MS/);
  });

  it('when nothing is set, then the defaults hold: 60 min lateness, 60 s settle window, 30 s sweeps', () => {
    expect(loadWorkerConfig({})).toMatchObject({ maxLatenessMs: 3_600_000, settleMs: 60_000, sweepEveryMs: 30_000, maxAttempts: 5 });
  });

  it('when a value is not a number, then the variable is named', () => {
    expect(() => loadWorkerConfig({ SIAR_MAX_LATENESS: 'sejam' })).toThrow(/SIAR_MAX_LATENESS/);
  });
});
