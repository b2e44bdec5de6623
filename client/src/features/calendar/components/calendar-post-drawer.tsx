import { Box, Drawer } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PHONE_QUERY } from '../utils/calendar-search';

/**
 * What the drawer shows for a post, given by the page: the posts feature's card (deliveries,
 * reasons, links, actions). `onChanged` tells the calendar to fetch its range again.
 */
export type TRenderPostDetail = (postId: string, options: { onChanged: () => void }) => ReactNode;

interface TCalendarPostDrawerProps {
  postId: string | null;
  onClose: () => void;
  onChanged: () => void;
  renderPostDetail: TRenderPostDetail;
}

export function CalendarPostDrawer({ postId, onClose, onChanged, renderPostDetail }: TCalendarPostDrawerProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE_QUERY);
  return (
    <Drawer
      opened={postId !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      title={t('calendar.drawerTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Box data-testid="calendar-drawer" data-post-id={postId ?? undefined}>
        {postId && renderPostDetail(postId, { onChanged })}
      </Box>
    </Drawer>
  );
}
