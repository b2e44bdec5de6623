import { describe, expect, it } from 'vitest';
import { facebookRules } from './facebook';
import { countHashtags, instagramRules } from './instagram';
import { checkMediaForPlatform } from './media-rules';

const MIB = 1024 * 1024;
const jpeg = (bytes = MIB) => ({ kind: 'image' as const, mime: 'image/jpeg' as const, bytes });
const png = () => ({ kind: 'image' as const, mime: 'image/png' as const, bytes: MIB });
const mp4 = () => ({ kind: 'video' as const, mime: 'video/mp4' as const, bytes: 20 * MIB });
const keys = (platform: string, media: Parameters<typeof checkMediaForPlatform>[1]) => checkMediaForPlatform(platform, media).map((p) => p.key);

describe('Instagram caption rules', () => {
  it('when a caption has 2,200 characters (emoji count once), then it fits; at 2,201 it is too long', () => {
    expect(instagramRules.checkText('🎉'.repeat(2200))).toMatchObject({ ok: true, length: 2200, max: 2200 });
    expect(instagramRules.checkText('a'.repeat(2201))).toMatchObject({ ok: false, key: 'text_too_long_for_platform' });
  });

  it('when a caption has 31 hashtags, then it is refused; 30 fit, and # inside words or URLs is no hashtag', () => {
    expect(instagramRules.checkText(Array.from({ length: 30 }, (_, i) => `#tag${i}`).join(' '))).toMatchObject({ ok: true });
    expect(instagramRules.checkText(Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' '))).toMatchObject({ ok: false, key: 'too_many_hashtags' });
    expect(countHashtags('C# dan https://a.id/#bagian, #TangerangGemilang #ayo_vaksin')).toBe(2);
  });

  it('has no threads, and links to the profile when only the id is known', () => {
    expect(instagramRules.maxThreadParts).toBeUndefined();
    expect(instagramRules.postUrl('https://www.instagram.com/', 'dinkes.kabtangerang', '1789')).toBe('https://www.instagram.com/dinkes.kabtangerang/');
    expect(instagramRules.externalIdFromUrl('https://www.instagram.com/p/C9xYz_12ab/')).toBe('C9xYz_12ab');
    expect(instagramRules.externalIdFromUrl('https://www.instagram.com/reel/C9xYz_12ab/?igsh=1')).toBe('C9xYz_12ab');
    expect(instagramRules.externalIdFromUrl('https://x.com/p/C9xYz_12ab/')).toBeUndefined();
  });
});

describe('Facebook post rules', () => {
  it('builds and reads Page post links', () => {
    expect(facebookRules.postUrl('https://www.facebook.com', 'dinkes', '1040_987')).toBe('https://www.facebook.com/1040/posts/987');
    expect(facebookRules.externalIdFromUrl('https://www.facebook.com/1040/posts/987')).toBe('1040_987');
    expect(facebookRules.externalIdFromUrl('https://www.facebook.com/permalink.php?story_fbid=987&id=1040')).toBe('1040_987');
    expect(facebookRules.externalIdFromUrl('https://m.facebook.com/dinkes.kabtng/posts/pfbid02abc')).toBe('pfbid02abc');
    expect(facebookRules.externalIdFromUrl('https://www.instagram.com/1040/posts/987')).toBeUndefined();
    expect(facebookRules.maxThreadParts).toBeUndefined();
  });
});

describe('Meta media limits, as data', () => {
  it('when an Instagram post has no media, then an image or video is required; Facebook and X need none', () => {
    expect(keys('instagram', [])).toEqual(['media_required']);
    expect(keys('facebook', [])).toEqual([]);
    expect(keys('x', [])).toEqual([]);
  });

  it('when Instagram gets one JPEG, a carousel of up to 10, or one MP4, then it fits; 11 images, two videos, a mix or a PNG do not', () => {
    expect(keys('instagram', [jpeg()])).toEqual([]);
    expect(keys('instagram', Array.from({ length: 10 }, () => jpeg()))).toEqual([]);
    expect(keys('instagram', [mp4()])).toEqual([]);
    expect(keys('instagram', Array.from({ length: 11 }, () => jpeg()))).toEqual(['media_too_many_images']);
    expect(keys('instagram', [mp4(), mp4()])).toEqual(['media_too_many_videos']);
    expect(keys('instagram', [jpeg(), mp4()])).toEqual(['media_mixed_kinds']);
    expect(keys('instagram', [png()])).toEqual(['media_type_not_allowed']);
  });

  it('when a Facebook post has up to 10 photos (PNG too) or one video, then it fits; an 11th photo does not', () => {
    expect(keys('facebook', [png(), ...Array.from({ length: 9 }, () => jpeg())])).toEqual([]);
    expect(keys('facebook', [mp4()])).toEqual([]);
    expect(keys('facebook', Array.from({ length: 11 }, () => jpeg()))).toEqual(['media_too_many_images']);
    expect(checkMediaForPlatform('facebook', [jpeg(5 * MIB)])).toEqual([{ key: 'media_too_large', params: { platform: 'Facebook', max: 4 }, index: 0 }]);
  });
});
