import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TProblem } from '@siar/shared';
import { createLogger, type TDatabase } from '@siar/shared/node';
import { problemMiddleware } from '../../libraries/errors/problem-middleware';
import { mediaRouter } from './media.router';

const KIB = 1024;
let dir: string;
let server: Server;
let url: string;

/** An MP4 head (`ftyp` box) followed by `size` bytes of payload. */
const mp4 = (size: number) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(4), Buffer.from('mp42isom'), Buffer.alloc(size, 1)]);
const form = (bytes: Buffer) => {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)]), 'clip.mp4');
  return body;
};
const leftovers = () => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.part'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'siar-media-router-'));
  const app = express();
  // The failures below all happen before the database is touched.
  app.use((req, _res, next) => {
    req.auth = { userId: 'u', username: 'u', name: 'U', role: 'admin', locale: 'en', timezone: 'Asia/Jakarta', opdIds: null, sessionHash: 'h' };
    next();
  });
  app.use('/media', mediaRouter({ db: {} as TDatabase, mediaDir: dir, limits: { image: 16 * KIB, video: 64 * KIB } }));
  app.use(problemMiddleware(createLogger({ name: 'test', level: 'silent' })));
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/media`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('the upload caps', () => {
  it('when a video passes its cap, then it answers 413 naming the limit and leaves no temp file', async () => {
    const res = await fetch(url, { method: 'POST', body: form(mp4(200 * KIB)) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as TProblem).errors).toEqual([expect.objectContaining({ field: 'file', key: 'file_too_large', message: 'The file is too large (at most 64 KB).' })]);
    expect(leftovers()).toEqual([]);
  });

  it('when a large video passes its cap, then the server stops reading it and still answers 413', async () => {
    const bytesRead: number[] = [];
    // Counted on the request's socket, whether fetch opened it for this request or reused one.
    const count = (req: IncomingMessage) => req.socket.once('close', () => bytesRead.push(req.socket.bytesRead));
    server.on('request', count);
    const res = await fetch(url, { method: 'POST', body: form(mp4(24 * 1024 * KIB)) });
    expect(res.status).toBe(413);
    await expect.poll(() => bytesRead.length).toBe(1);
    server.off('request', count);
    expect(bytesRead[0]).toBeLessThan(1024 * KIB);
    expect(leftovers()).toEqual([]);
  });

  it('when a request declares more than any cap allows, then it is refused before its body is read', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(600 * 1024 * KIB) } }, (res) => resolve(res.statusCode!));
      req.on('error', reject);
      req.write('--x\r\n');
    });
    expect(status).toBe(413);
  });

  it('when the client goes away mid-upload, then no temp file is left behind', async () => {
    const boundary = 'siarboundary';
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(60 * KIB) } });
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
    req.write(mp4(8 * KIB));
    await new Promise((r) => setTimeout(r, 100));
    expect(leftovers()).toHaveLength(1);
    req.destroy();
    await expect.poll(leftovers).toEqual([]);
  });

  it('when the body is not multipart, then it is refused as such', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"file":"x"}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as TProblem).errors).toEqual([expect.objectContaining({ key: 'multipart_required' })]);
  });
});
