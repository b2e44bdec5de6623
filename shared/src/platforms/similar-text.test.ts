import { describe, expect, it } from 'vitest';
import { isNearlySame, normalizeForSimilarity } from './similar-text';

describe('similar texts', () => {
  it('ignores case, punctuation and links', () => {
    expect(normalizeForSimilarity('Vaksinasi GRATIS!! https://t.co/abc di Puskesmas.')).toBe('vaksinasi gratis di puskesmas');
    expect(isNearlySame('Vaksinasi gratis di Puskesmas Cikupa hari ini', 'vaksinasi GRATIS di puskesmas cikupa, hari ini! https://x.co/1')).toBe(true);
  });

  it('catches an added hashtag but not a rewrite', () => {
    const base = 'Layanan KTP elektronik dibuka setiap hari Senin sampai Jumat pukul 08.00 sampai 15.00 di kantor kecamatan';
    expect(isNearlySame(base, `${base} #TangerangGemilang`)).toBe(true);
    expect(isNearlySame(base, 'Jadwal posyandu balita bulan ini ada di kelurahan masing-masing, bawa buku KIA')).toBe(false);
  });

  it('answers the same when asked again (the kept shapes change nothing)', () => {
    const pairs: [string, string, boolean][] = [
      ['Pengumuman uji beban', 'pengumuman uji beban', true],
      ['Pengumuman uji beban', 'Pengumuman lain sama sekali', false],
    ];
    for (let round = 0; round < 3; round++) for (const [a, b, same] of pairs) expect(isNearlySame(a, b)).toBe(same);
  });
});
