import type { TPost } from '@siar/shared';

export const POLL_INTERVAL_MS = 5_000;

const ACTIVE = new Set<string>(['scheduled', 'publishing']);

/** True while any post or delivery is still on its way (scheduled or publishing). */
export function needsPolling(posts: readonly TPost[]): boolean {
  return posts.some((post) => ACTIVE.has(post.status) || post.deliveries.some((delivery) => ACTIVE.has(delivery.status)));
}
