import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { parseCalendarSearch } from '../utils/calendar-search';

type TSearchKey = 'view' | 'date' | 'opd' | 'account' | 'status';

/** The calendar's state in the address (see parseCalendarSearch), and a way to change it in place. */
export function useCalendarSearchParams() {
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parseCalendarSearch(params), [params]);

  // Stable across renders, and a no-op when nothing changes (the router would navigate anyway).
  const latest = useRef({ params, setParams });
  useLayoutEffect(() => {
    latest.current = { params, setParams };
  }, [params, setParams]);
  const update = useCallback((changes: Partial<Record<TSearchKey, string | undefined>>) => {
    const next = new URLSearchParams(latest.current.params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (next.toString() !== latest.current.params.toString()) latest.current.setParams(next, { replace: true });
  }, []);
  return { search, update };
}
