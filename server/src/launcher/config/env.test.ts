import { describe, expect, it } from 'vitest';
import { loadLauncherConfig } from './env';

const base = { DATA_DIR: '/tmp/siar-launcher-env-test' };

describe('demo mode', () => {
  it('when no platform has app credentials, then the launcher runs the demo; any platform configured turns it off; SIAR_DEMO decides when set', () => {
    expect(loadLauncherConfig({ ...base }).demo).toBe(true);
    expect(loadLauncherConfig({ ...base, X_CLIENT_ID: 'x-client' }).demo).toBe(false);
    expect(loadLauncherConfig({ ...base, META_APP_ID: '1234', META_APP_SECRET: 'secret' }).demo).toBe(false);
    expect(loadLauncherConfig({ ...base, META_APP_ID: '1234', META_APP_SECRET: 'secret', SIAR_DEMO: '1' }).demo).toBe(true);
    expect(loadLauncherConfig({ ...base, SIAR_DEMO: '0' }).demo).toBe(false);
  });
});
