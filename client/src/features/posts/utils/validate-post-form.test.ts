import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { defaultPostFormValues, variantsPayload, type TPostFormValues } from './post-form-values';
import { validatePostForm } from './validate-post-form';

// Messages are checked by key: `validation.<key>` as the catalogue would look it up.
const t = ((key: string) => key) as unknown as TFunction;
const platformsOf = (ids: string[]) => ids.map(() => 'x');
const values = (overrides: Partial<TPostFormValues>): TPostFormValues => ({ ...defaultPostFormValues('Asia/Jakarta'), ...overrides });
const longText = 'a'.repeat(300);

describe('per-account variants in the composer', () => {
  it('when variants are empty or for accounts no longer chosen, then they are not sent', () => {
    expect(variantsPayload({ a: 'Teks A', b: '   ', c: 'Teks C' }, ['a', 'b'])).toEqual({ a: { text: 'Teks A' } });
    expect(variantsPayload({ c: 'Teks C' }, ['a'])).toBeUndefined();
  });

  it('when a variant is too long for X, then the error is shown under that variant, not under the main text', () => {
    const check = validatePostForm({
      values: values({ accountIds: ['a', 'b'], text: 'Info' }),
      variants: { b: longText },
      scheduledAt: null,
      platformsOf,
      t,
    });
    expect(check.data).toBeUndefined();
    expect(check.errors).toEqual({});
    expect(check.variantErrors).toEqual({ b: 'validation.text_too_long_for_platform' });
  });

  it('when every account has its own variant, then a main text too long for X does not block the post', () => {
    const check = validatePostForm({
      values: values({ accountIds: ['a', 'b'], text: longText }),
      variants: { a: 'Versi A', b: 'Versi B' },
      scheduledAt: null,
      platformsOf,
      t,
    });
    expect(check.data?.variants).toEqual({ a: { text: 'Versi A' }, b: { text: 'Versi B' } });
  });
});
