import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveUploadStream, type TSaveStreamOptions } from './save-upload-stream';

let tempDir: string;
beforeEach(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'siar-save-upload-'));
});
afterEach(() => rmSync(tempDir, { recursive: true, force: true }));

const options = (maxBytes = 10_000_000): TSaveStreamOptions => ({ tempDir, maxBytesOf: () => maxBytes, tooLarge: (max) => new Error(`too large: ${max}`) });
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56), Buffer.alloc(5000, 0x90)]);
const failureOf = (chunks: Buffer[], o = options()) => saveUploadStream(Readable.from(chunks), o).then(() => 'saved', (error: Error) => error.message);

describe('saving an upload stream to a temp file', () => {
  it('when the whole file arrives in one chunk and its type is refused, then the temp file is gone by the time the error is thrown', async () => {
    // The refusal comes before the temp file has even been opened; it is opened and closed later.
    for (let i = 0; i < 25; i++) {
      expect(await failureOf([elf])).not.toBe('saved');
      expect(readdirSync(tempDir)).toEqual([]);
    }
  });

  it('when the refused head arrives over several chunks, then no temp file is left either', async () => {
    for (let i = 0; i < 25; i++) {
      expect(await failureOf([elf.subarray(0, 100), elf.subarray(100, 3000), elf.subarray(3000)])).not.toBe('saved');
      expect(readdirSync(tempDir)).toEqual([]);
    }
  });

  it('when a PNG passes its cap in the first chunk, then it fails with the cap and leaves nothing', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#06c' } }).png({ compressionLevel: 0 }).toBuffer();
    for (let i = 0; i < 25; i++) {
      expect(await failureOf([png], options(1000))).toBe('too large: 1000');
      expect(readdirSync(tempDir)).toEqual([]);
    }
  });

  it('when a PNG is within its cap, then it is kept byte for byte with its type, size and hash', async () => {
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#06c' } }).png().toBuffer();
    const file = await saveUploadStream(Readable.from([png.subarray(0, 10), png.subarray(10)]), options());
    expect(file).toMatchObject({ mime: 'image/png', bytes: png.length });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file.path).equals(png)).toBe(true);
    expect(readdirSync(tempDir)).toEqual([file.path.slice(tempDir.length + 1)]);
  });
});
