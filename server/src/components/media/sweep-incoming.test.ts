import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepIncomingUploads } from './sweep-incoming';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('sweeping abandoned upload parts', () => {
  it('when parts were left by a stopped server, then those older than an hour go and the ones still streaming stay', async () => {
    const mediaDir = mkdtempSync(join(tmpdir(), 'siar-incoming-'));
    dirs.push(mediaDir);
    const incoming = join(mediaDir, '.incoming');
    mkdirSync(incoming);
    const old = join(incoming, 'old.part');
    const fresh = join(incoming, 'fresh.part');
    const other = join(incoming, 'keep.txt');
    for (const path of [old, fresh, other]) writeFileSync(path, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    utimesSync(other, twoHoursAgo, twoHoursAgo);

    expect(await sweepIncomingUploads(mediaDir)).toBe(1);
    expect([existsSync(old), existsSync(fresh), existsSync(other)]).toEqual([false, true, true]);
  });

  it('when there is no incoming folder yet, then there is nothing to do', async () => {
    const mediaDir = mkdtempSync(join(tmpdir(), 'siar-incoming-'));
    dirs.push(mediaDir);
    expect(await sweepIncomingUploads(mediaDir)).toBe(0);
  });
});
