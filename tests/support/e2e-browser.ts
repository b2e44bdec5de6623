import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startSiar, type TSiarInstance } from './e2e-launcher';

/** Debian's Chromium, headless, with nothing of its own reaching the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Stops the `npm start` stack with SIGTERM as a person's Ctrl-C would, and holds it to a clean
 * exit: within 40 s, no process of its data dir left behind; the data dir goes either way.
 */
export async function stopSiarCleanly(instance: TSiarInstance): Promise<void> {
  try {
    const result = await instance.stop(40_000);
    if (result.leftovers.length > 0 || !result.exitedGracefully) console.error(`[e2e] launcher log tail:\n${instance.logTail(80)}`);
    expect(result.exitedGracefully, 'the launcher exits within 40 s of SIGTERM').toBe(true);
    expect(result.leftovers, `no process of ${instance.dataDir} survives the launcher`).toEqual([]);
  } finally {
    instance.removeDataDir();
  }
}

/**
 * For one describe block: Siar started as `npm start` does, and one Chromium context; after the
 * block both are closed and the stop is held to a clean exit. Reading `siar` or `context` throws
 * when either did not start.
 */
export function useSiarInChromium(o: { adminPassword: string; context: BrowserContextOptions }): {
  readonly siar: TSiarInstance;
  readonly context: BrowserContext;
} {
  let siar: TSiarInstance | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    siar = await startSiar({ adminPassword: o.adminPassword, readyTimeoutMs: 180_000 });
    browser = await launchChromium();
    context = await browser.newContext(o.context);
  }, 200_000);
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    if (siar) await stopSiarCleanly(siar);
  }, 60_000);
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('the app or the browser did not start');
    return value;
  };
  return {
    get siar() {
      return started(siar);
    },
    get context() {
      return started(context);
    },
  };
}
