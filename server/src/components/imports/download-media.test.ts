import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedLookup, MediaDownloadError, openMediaUrl } from './download-media';

let server: Server;
let port: number;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    res.writeHead(req.url === '/ok' ? 200 : 404).end('x');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const reason = async (url: string, allowPrivateHosts: boolean) => {
  try {
    const res = await openMediaUrl(url, { allowPrivateHosts, signal: AbortSignal.timeout(5_000) });
    res.resume();
    return 'opened';
  } catch (error) {
    return error instanceof MediaDownloadError ? error.key : String(error);
  }
};

describe('opening a media URL', () => {
  it('when private hosts are not allowed, then loopback is refused whether written as an IP or a name, before any request', async () => {
    const before = requests.length;
    expect(await reason(`http://127.0.0.1:${port}/ok`, false)).toBe('import_media_private_host');
    expect(await reason(`http://localhost:${port}/ok`, false)).toBe('import_media_private_host');
    expect(requests.length).toBe(before);
  });

  it('when a name resolves to a private address at connection time, then the lookup refuses it (so DNS cannot swap addresses after a check)', async () => {
    const lookup = (allow: boolean, all: boolean) =>
      new Promise<unknown>((resolve) => guardedLookup(allow)('localhost', { all }, (error, address) => resolve(error instanceof MediaDownloadError ? error.key : address)));
    expect(await lookup(false, false)).toBe('import_media_private_host');
    expect(await lookup(false, true)).toBe('import_media_private_host');
    expect(await lookup(true, false)).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await lookup(true, true)).toEqual(expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]));
  });

  it('when private hosts are allowed, then it opens; a missing file and a redirect loop are refused with their reason', async () => {
    expect(await reason(`http://localhost:${port}/ok`, true)).toBe('opened');
    expect(await reason(`http://127.0.0.1:${port}/missing`, true)).toBe('media_http_status');
    expect(await reason(`http://127.0.0.1:${port}/loop`, true)).toBe('media_too_many_redirects');
  });

  it('when a URL is not http(s), then it is refused', async () => {
    expect(await reason('file:///etc/passwd', true)).toBe('invalid_url');
  });
});
