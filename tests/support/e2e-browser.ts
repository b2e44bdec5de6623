import { type Browser, chromium } from 'playwright-core';
import { expect } from 'vitest';
import type { TSiarInstance } from './e2e-launcher';

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
