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

interface TShape {
  normalized: string;
  pairs: Set<string>;
}

/**
 * A post is compared with every post near its time (up to 2,000 on X's 24-hour window), and the
 * same texts come back create after create: their normalized form and word pairs are kept for
 * the most recently compared texts.
 */
const SHAPES_KEPT = 5000;
const shapes = new Map<string, TShape>();
function shapeOf(text: string): TShape {
  const known = shapes.get(text);
  if (known) return known;
  const normalized = normalizeForSimilarity(text);
  const shape = { normalized, pairs: bigrams(normalized) };
  if (shapes.size >= SHAPES_KEPT) shapes.delete(shapes.keys().next().value!);
  shapes.set(text, shape);
  return shape;
}

/**
 * Same, or nearly the same: equal once normalized, or sharing at least 85% of their word
 * pairs (Jaccard), which catches a changed date or an added hashtag but not a rewrite.
 */
export function isNearlySame(a: string, b: string): boolean {
  const x = shapeOf(a);
  const y = shapeOf(b);
  if (x.normalized === y.normalized) return true;
  let shared = 0;
  for (const g of x.pairs) if (y.pairs.has(g)) shared += 1;
  const union = x.pairs.size + y.pairs.size - shared;
  return union > 0 && shared / union >= 0.85;
}
