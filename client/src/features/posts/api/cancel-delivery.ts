import type { TPost } from '@siar/shared';
import { api } from '../../../lib/api-client';
import { usePostMutation } from './post-mutation';

/** Cancels one delivery that has not gone out (draft, scheduled, failed, unconfirmed, missed). */
export function cancelDelivery({ deliveryId }: { deliveryId: string }): Promise<TPost> {
  return api.post<TPost>(`/deliveries/${encodeURIComponent(deliveryId)}/cancel`);
}

export function useCancelDelivery() {
  return usePostMutation(cancelDelivery);
}
