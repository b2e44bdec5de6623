import { useEffect, type RefObject } from 'react';

/** Read by the client bench (tests/bench/client.bench.ts): navigation start → this mark. */
export const EVENTS_PAINTED_MARK = 'siar:calendar-events-painted';
/** Frames to wait for FullCalendar to draw the events it was given (about 2 s at 60 fps). */
const MAX_FRAMES = 120;

/**
 * Sets a Performance API mark once the events of a newly arrived answer are on screen: the
 * first frame in which they are in the DOM, then one more so that frame has been painted.
 * `posts` came in the answer; `events` is what the view draws of them (a month cell shows three rows).
 */
export function useEventsPaintedMark(container: RefObject<HTMLElement | null>, answer: unknown, counts: { posts: number; events: number }) {
  const { posts, events } = counts;
  useEffect(() => {
    if (answer === undefined) return;
    let frame = 0;
    const waitForEvents = (tries: number) => {
      frame = requestAnimationFrame(() => {
        const drawn = container.current?.querySelectorAll('[data-testid="calendar-event"]').length ?? 0;
        if (events > 0 && drawn === 0 && tries < MAX_FRAMES) return waitForEvents(tries + 1);
        frame = requestAnimationFrame(() => performance.mark(EVENTS_PAINTED_MARK, { detail: { posts, events, drawn } }));
      });
    };
    waitForEvents(0);
    return () => cancelAnimationFrame(frame);
  }, [container, answer, posts, events]);
}
