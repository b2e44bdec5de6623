import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';

/** The server's redirect after a consent that covers several accounts: `?connect=<id>&grant=<name>`. */
const ID = /^[0-9a-f-]{36}$/;
const GRANT = /^[a-z0-9_-]{1,32}$/;

export interface TConnectChoice {
  id: string;
  grant: string;
}

/**
 * The pending choice named in the address, read once; `finish` takes it out of the address so a
 * reload or a shared link does not open it again (it is single use anyway).
 */
export function useConnectChoice() {
  const [searchParams, setSearchParams] = useSearchParams();
  const [choice] = useState<TConnectChoice | null>(() => {
    const id = searchParams.get('connect');
    const grant = searchParams.get('grant');
    return id && grant && ID.test(id) && GRANT.test(grant) ? { id, grant } : null;
  });
  const [open, setOpen] = useState(choice !== null);

  const finish = useCallback(() => {
    setOpen(false);
    setSearchParams(
      (params) => {
        params.delete('connect');
        params.delete('grant');
        return params;
      },
      { replace: true },
    );
  }, [setSearchParams]);

  return { choice: open ? choice : null, finish };
}
