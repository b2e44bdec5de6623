import type { TMedia, TMediaKind, TMediaMime } from '../schemas/media';
import { platformName } from './registry';

const MIB = 1024 * 1024;

/** How many files of one kind a post may carry on a platform, of which types and sizes. */
export interface TMediaKindLimits {
  max: number;
  maxBytes: number;
  mimes: readonly TMediaMime[];
}

export interface TPlatformMediaRules {
  image: TMediaKindLimits;
  video: TMediaKindLimits;
  /** Whether images and a video may go in the same post. */
  mixKinds: boolean;
  /** A post there must carry at least one image or video (Instagram has no text-only posts). */
  required?: boolean;
}

/** Per platform id, as data: adding a platform adds an entry, never a branch. */
export const platformMediaRules: Readonly<Record<string, TPlatformMediaRules>> = {
  // X: up to 4 images, or 1 video (MP4), never both.
  x: {
    image: { max: 4, maxBytes: 5 * MIB, mimes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] },
    video: { max: 1, maxBytes: 512 * MIB, mimes: ['video/mp4'] },
    mixKinds: false,
  },
  // Facebook Pages: up to 10 photos in one post (attached to it), or one video.
  facebook: {
    image: { max: 10, maxBytes: 4 * MIB, mimes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] },
    video: { max: 1, maxBytes: 512 * MIB, mimes: ['video/mp4'] },
    mixKinds: false,
  },
  // Instagram: one JPEG, a carousel of up to 10, or one MP4 as a Reel; never without media.
  instagram: {
    image: { max: 10, maxBytes: 8 * MIB, mimes: ['image/jpeg'] },
    video: { max: 1, maxBytes: 300 * MIB, mimes: ['video/mp4'] },
    mixKinds: false,
    required: true,
  },
};

/** Whether a post there must carry an image or video (Instagram has no text-only posts). */
export function platformNeedsMedia(platformId: string): boolean {
  return platformMediaRules[platformId]?.required === true;
}

export type TMediaCheckItem = Pick<TMedia, 'kind' | 'mime' | 'bytes'>;

/** A message key (`validation.<key>`) with its parameters; `index` points at one item when it is about one. */
export interface TMediaProblem {
  key: string;
  params: Record<string, string | number>;
  index?: number;
}

/** Checks a post's media against one platform's limits. Pure: the composer and the server both call it. */
export function checkMediaForPlatform(platformId: string, media: readonly TMediaCheckItem[]): TMediaProblem[] {
  const platform = platformName(platformId);
  const rules = platformMediaRules[platformId];
  if (media.length === 0) return rules?.required ? [{ key: 'media_required', params: { platform } }] : [];
  if (!rules) return [{ key: 'media_not_supported', params: { platform } }];

  const problems: TMediaProblem[] = [];
  const count = (kind: TMediaKind) => media.filter((m) => m.kind === kind).length;
  if (!rules.mixKinds && count('image') > 0 && count('video') > 0) problems.push({ key: 'media_mixed_kinds', params: { platform } });
  for (const kind of ['image', 'video'] as const) {
    const limits = rules[kind];
    if (count(kind) > limits.max) problems.push({ key: `media_too_many_${kind}s`, params: { platform, max: limits.max } });
  }
  media.forEach((m, index) => {
    const limits = rules[m.kind];
    if (!limits.mimes.includes(m.mime)) problems.push({ key: 'media_type_not_allowed', params: { platform, mime: m.mime }, index });
    else if (m.bytes > limits.maxBytes) problems.push({ key: 'media_too_large', params: { platform, max: Math.floor(limits.maxBytes / MIB) }, index });
  });
  return problems;
}
