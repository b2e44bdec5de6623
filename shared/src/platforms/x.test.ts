import { describe, expect, it } from 'vitest';
import { xRules } from './x';

describe('X text rules', () => {
  it('when a text has 280 Latin characters, then it fits', () => {
    expect(xRules.checkText('a'.repeat(280))).toMatchObject({ ok: true, length: 280, max: 280 });
  });

  it('when a text has 281 characters, then it is too long', () => {
    expect(xRules.checkText('a'.repeat(281))).toMatchObject({ ok: false, key: 'text_too_long_for_platform' });
  });

  it('when a text has a URL, then the URL counts as 23', () => {
    expect(xRules.checkText('Info: https://tangerangkab.go.id/berita/very/long/path/that/goes/on').length).toBe(6 + 23);
  });

  it('when a text has emoji, then each counts double', () => {
    expect(xRules.checkText('🎉').length).toBe(2);
  });

  it('builds the public link of a post', () => {
    expect(xRules.postUrl('https://x.com/', 'dinkes_kabtng', '123')).toBe('https://x.com/dinkes_kabtng/status/123');
  });
});
