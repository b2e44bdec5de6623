import type { TPost } from '@siar/shared';
import { api } from '../../../lib/api-client';
import { usePostMutation } from './post-mutation';

/** "Terbitkan ulang": sends a failed, unconfirmed or missed delivery again, now. */
export function retryDelivery({ deliveryId }: { deliveryId: string }): Promise<TPost> {
  return api.post<TPost>(`/deliveries/${encodeURIComponent(deliveryId)}/retry`);
}

export function useRetryDelivery() {
  return usePostMutation(retryDelivery);
}
