import type { EventContentArg } from '@fullcalendar/core';
import { Avatar, Group, Text, VisuallyHidden } from '@mantine/core';
import type { TCalendarItem } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { handleInitials, platformColor } from '../utils/calendar-events';
import type { TMoreInfo } from '../utils/limit-per-day';

/** Avatars shown before "+n": a post to many accounts stays one line. */
const MAX_AVATARS = 3;

/** One post in the calendar: its accounts' avatars, the time and the start of the text. */
export function CalendarEventContent({ arg }: { arg: EventContentArg }) {
  const { t } = useTranslation();
  const summary = arg.event.extendedProps.more as TMoreInfo | undefined;
  if (summary) {
    return (
      <Text span fz="xs" fw={600} px={4} data-testid="calendar-more" data-date={summary.date}>
        {t('calendar.more', { count: summary.count })}
      </Text>
    );
  }
  const item = arg.event.extendedProps.item as TCalendarItem;
  const list = arg.view.type.startsWith('list');
  const shown = item.accounts.slice(0, MAX_AVATARS);
  const more = item.accounts.length - shown.length;
  return (
    <Group gap={4} wrap="nowrap" miw={0} px={2} data-testid="calendar-event" data-post-id={item.id} data-status={item.status}>
      <Avatar.Group spacing={6} className="siar-event-avatars">
        {shown.map((account) => (
          <Avatar
            key={account.id}
            size={list ? 24 : 18}
            radius="xl"
            color={platformColor(account.platform)}
            variant="filled"
            fz={list ? 10 : 8}
            title={`@${account.handle} · ${t(`deliveryStatus.${account.deliveryStatus}`, { defaultValue: account.deliveryStatus })}`}
            aria-hidden
          >
            {handleInitials(account.handle)}
          </Avatar>
        ))}
        {more > 0 && (
          <Avatar size={list ? 24 : 18} radius="xl" fz={list ? 10 : 8} aria-hidden>
            +{more}
          </Avatar>
        )}
      </Avatar.Group>
      {!list && arg.timeText && (
        <Text span fz="xs" fw={700} style={{ flexShrink: 0 }}>
          {arg.timeText}
        </Text>
      )}
      {list ? (
        <Text fz="sm" lineClamp={2} miw={0} style={{ overflowWrap: 'anywhere' }}>
          {item.excerpt}
        </Text>
      ) : (
        <Text span fz="xs" truncate="end" miw={0} c="inherit">
          {item.excerpt}
        </Text>
      )}
      <VisuallyHidden>
        {t(`postStatus.${item.status}`, { defaultValue: item.status })}, {item.accounts.map((a) => `@${a.handle}`).join(', ')}
      </VisuallyHidden>
    </Group>
  );
}
