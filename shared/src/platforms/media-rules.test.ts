import { describe, expect, it } from 'vitest';
import { checkMediaForPlatform } from './media-rules';

const MIB = 1024 * 1024;
const image = (bytes = MIB) => ({ kind: 'image' as const, mime: 'image/jpeg' as const, bytes });
const video = (bytes = 10 * MIB) => ({ kind: 'video' as const, mime: 'video/mp4' as const, bytes });
const keys = (media: Parameters<typeof checkMediaForPlatform>[1]) => checkMediaForPlatform('x', media).map((p) => p.key);

describe('X media limits', () => {
  it('when a post has up to four images or one video, then it fits', () => {
    expect(keys([image(), image(), image(), image()])).toEqual([]);
    expect(keys([video()])).toEqual([]);
    expect(keys([])).toEqual([]);
  });

  it('when a post has five images, two videos, or both kinds, then each problem is named', () => {
    expect(keys([image(), image(), image(), image(), image()])).toEqual(['media_too_many_images']);
    expect(keys([video(), video()])).toEqual(['media_too_many_videos']);
    expect(keys([image(), video()])).toEqual(['media_mixed_kinds']);
  });

  it('when an image is over 5 MB, then that one is named with the limit', () => {
    expect(checkMediaForPlatform('x', [image(), image(6 * MIB)])).toEqual([{ key: 'media_too_large', params: { platform: 'X', max: 5 }, index: 1 }]);
  });

  it('when the platform has no media rules, then media is refused for it', () => {
    expect(checkMediaForPlatform('mastodon', [image()]).map((p) => p.key)).toEqual(['media_not_supported']);
  });
});
