import { describe, expect, it } from 'vitest';
import { derivePostStatus } from './post-status.repository';

describe('post status derived from its deliveries', () => {
  it.each([
    [['published', 'published'], 'published'],
    [['scheduled', 'scheduled'], 'scheduled'],
    [['publishing', 'scheduled'], 'publishing'],
    [['published', 'scheduled'], 'publishing'],
    [['published', 'failed'], 'partially_published'],
    [['published', 'unconfirmed'], 'partially_published'],
    [['failed', 'failed'], 'failed'],
    [['cancelled', 'cancelled'], 'cancelled'],
  ])('when deliveries are %j, then the post is %s', (statuses, expected) => {
    expect(derivePostStatus(statuses)).toBe(expected);
  });
});
