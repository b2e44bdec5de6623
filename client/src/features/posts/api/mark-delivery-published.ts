import type { TMarkPublishedRequest, TPost } from '@siar/shared';
import { api } from '../../../lib/api-client';
import { usePostMutation } from './post-mutation';

/** "Sudah terbit": a person confirms an unconfirmed delivery is live, giving its link. */
export function markDeliveryPublished({ deliveryId, url }: TMarkPublishedRequest & { deliveryId: string }): Promise<TPost> {
  return api.post<TPost>(`/deliveries/${encodeURIComponent(deliveryId)}/mark-published`, { url });
}

export function useMarkDeliveryPublished() {
  return usePostMutation(markDeliveryPublished);
}
