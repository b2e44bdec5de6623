import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createXClient } from '@siar/shared/node';
import { startXEmulator, type TXEmulator } from '../emulators/x/x-emulator';

let emulator: TXEmulator;
const config = () => ({ apiBaseUrl: emulator.url, requestTimeoutMs: 10_000 });

beforeAll(async () => {
  emulator = await startXEmulator();
  await fetch(`${emulator.url}/_emulator/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: '42', username: 'dinkes', name: 'Dinkes', accessToken: 'tok-42' }) });
});
afterAll(async () => emulator.close());

const tweets = async () => ((await (await fetch(`${emulator.url}/_emulator/tweets`)).json()) as { items: { id: string; text: string; media?: { type: string; altText?: string }[]; replyTo?: string }[] }).items;

describe("the X emulator's media upload, through twitter-api-v2", () => {
  it('when an image is uploaded in chunks with alt text and attached, then the post carries it', async () => {
    const x = createXClient(config(), 'tok-42');
    const image = Buffer.alloc(2_500_000, 7);
    const id = await x.v2.uploadMedia(image, { media_type: 'image/png' }, 1024 * 1024);
    await x.v2.createMediaMetadata(id, { alt_text: { text: 'Poster posyandu' } });
    const posted = await x.v2.tweet({ text: 'Dengan gambar', media: { media_ids: [id] } });
    const stored = (await tweets()).find((t) => t.id === posted.data.id)!;
    expect(stored.media).toEqual([expect.objectContaining({ type: 'image/png', altText: 'Poster posyandu' })]);
  });

  it('when a video is uploaded, then it processes before it can be attached', async () => {
    const x = createXClient(config(), 'tok-42');
    const id = await x.v2.uploadMedia(Buffer.alloc(300_000, 1), { media_type: 'video/mp4' }, 100_000);
    const posted = await x.v2.tweet({ text: 'Dengan video', media: { media_ids: [id] } });
    expect((await tweets()).find((t) => t.id === posted.data.id)?.media?.[0]?.type).toBe('video/mp4');
  }, 20_000);

  it('when a post replies to another, then the reply is linked, and a reply to nothing is refused', async () => {
    const x = createXClient(config(), 'tok-42');
    const first = await x.v2.tweet({ text: 'Utas bagian 1' });
    const second = await x.v2.tweet({ text: 'Utas bagian 2', reply: { in_reply_to_tweet_id: first.data.id } });
    expect((await tweets()).find((t) => t.id === second.data.id)?.replyTo).toBe(first.data.id);
    await expect(x.v2.tweet({ text: 'Yatim', reply: { in_reply_to_tweet_id: '1' } })).rejects.toMatchObject({ code: 400 });
  });

  it('when five images, an unknown id or an unsupported type are used, then X refuses', async () => {
    const x = createXClient(config(), 'tok-42');
    const ids = await Promise.all([1, 2, 3, 4, 5].map(() => x.v2.uploadMedia(Buffer.alloc(1000, 3), { media_type: 'image/jpeg' })));
    await expect(x.v2.tweet({ text: 'Lima gambar', media: { media_ids: ids as [string, string, string, string] } })).rejects.toMatchObject({ code: 400 });
    await expect(x.v2.tweet({ text: 'Tak dikenal', media: { media_ids: ['999'] } })).rejects.toMatchObject({ code: 400 });
    await expect(x.v2.uploadMedia(Buffer.alloc(10, 0), { media_type: 'application/pdf' as 'image/png' })).rejects.toMatchObject({ code: 400 });
  });
});
