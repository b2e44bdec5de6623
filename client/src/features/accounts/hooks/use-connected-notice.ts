import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

export interface TConnectedNotice {
  handle: string;
  reconnected: boolean;
}

/** A handle as platforms allow them: anything else in the address is not shown to the user. */
const HANDLE = /^[\w.-]{1,64}$/;

function readNotice(params: URLSearchParams): TConnectedNotice | null {
  const handle = params.get('connected');
  if (!handle || !HANDLE.test(handle)) return null;
  return { handle, reconnected: params.get('reconnected') === '1' };
}

/**
 * The server's redirect after a connect (`?connected=<handle>[&reconnected=1]`): read once,
 * then taken out of the address so a reload or a shared link does not announce it again.
 */
export function useConnectedNotice() {
  const [searchParams, setSearchParams] = useSearchParams();
  const [notice, setNotice] = useState(() => readNotice(searchParams));
  const hasQuery = searchParams.has('connected') || searchParams.has('reconnected');

  useEffect(() => {
    if (!hasQuery) return;
    setSearchParams(
      (params) => {
        params.delete('connected');
        params.delete('reconnected');
        return params;
      },
      { replace: true },
    );
  }, [hasQuery, setSearchParams]);

  return { notice, dismiss: () => setNotice(null) };
}
