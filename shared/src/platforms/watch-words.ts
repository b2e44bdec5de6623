/** Characters that render as nothing: stripped so "p\u200Bki" cannot slip past the list. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** A word character: a letter, digit or combining mark (any script), or an underscore. */
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}_]';

/**
 * Text as watch-words are compared: Unicode NFKC (full-width and styled letters become plain
 * ones), invisible characters removed, lower case, every run of white space one space.
 */
export function normalizeWatchText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function patternOf(word: string): RegExp {
  // Whole words or phrases only: "pki" matches "PKI," and "#pki", never "pkinya".
  return new RegExp(`(?<!${WORD_CHAR})${escapeRegExp(word)}(?!${WORD_CHAR})`, 'u');
}

/**
 * The watch-words found in any of the texts (a post's text, its variants, its thread parts),
 * each once, in the order of the list, as the list spells them. Case-insensitive, whole words
 * and phrases, after normalization of both sides. Pure: the server and the composer share it.
 */
export function findWatchWords(texts: readonly string[], words: readonly string[]): string[] {
  const haystacks = texts.map(normalizeWatchText).filter((text) => text !== '');
  if (haystacks.length === 0) return [];
  const found: string[] = [];
  const seen = new Set<string>();
  for (const word of words) {
    const needle = normalizeWatchText(word);
    if (needle === '' || seen.has(needle)) continue;
    const pattern = patternOf(needle);
    if (haystacks.some((text) => pattern.test(text))) {
      seen.add(needle);
      found.push(word);
    }
  }
  return found;
}
