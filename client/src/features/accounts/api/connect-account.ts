import type { TPlatformId } from '@siar/shared';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../../lib/api-client';

interface TConnectAccountVariables {
  platform: TPlatformId;
  opdId: string;
}

/** Starts "Hubungkan akun" (or a reconnect): answers the platform's consent page address. */
export function connectAccount({ platform, opdId }: TConnectAccountVariables): Promise<{ authorizeUrl: string }> {
  return api.post<{ authorizeUrl: string }>(`/accounts/connect/${encodeURIComponent(platform)}`, { opdId });
}

/**
 * On success the browser leaves for the platform; the server brings it back to
 * `/accounts?connected=<handle>`, so there is nothing to invalidate here.
 */
export function useConnectAccount() {
  const mutation = useMutation({
    mutationFn: connectAccount,
    onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
  });
  const { reset } = mutation;

  useEffect(() => {
    // Coming back with the browser's Back button restores this page as it was: "leaving" again.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) reset();
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, [reset]);

  return mutation;
}
