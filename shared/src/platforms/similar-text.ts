/** Text reduced to what makes two posts "the same" to a reader: no links, case, punctuation. */
export function normalizeForSimilarity(text: string): string {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[^\p{L}\p{N}#@\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function bigrams(text: string): Set<string> {
  const words = text.split(' ').filter(Boolean);
  if (words.length < 2) return new Set(words);
  const out = new Set<string>();
  for (let i = 0; i < words.length - 1; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

/**
 * Same, or nearly the same: equal once normalized, or sharing at least 85% of their word
 * pairs (Jaccard), which catches a changed date or an added hashtag but not a rewrite.
 */
export function isNearlySame(a: string, b: string): boolean {
  const x = normalizeForSimilarity(a);
  const y = normalizeForSimilarity(b);
  if (x === y) return true;
  const bx = bigrams(x);
  const by = bigrams(y);
  let shared = 0;
  for (const g of bx) if (by.has(g)) shared += 1;
  const union = bx.size + by.size - shared;
  return union > 0 && shared / union >= 0.85;
}
