import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { zoneLabel, type TQueueAccount, type TQueuePost } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { queueTimeline } from '../utils/queue-timeline';
import { dayLabel } from '../utils/weekday-name';

function PostLine({ post }: { post: TQueuePost }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" miw={0} data-testid="queue-entry-post" data-post-id={post.id}>
      <Badge size="sm" variant="dot" color={post.deliveryStatus === 'published' ? 'green' : 'blue'}>
        {t(`deliveryStatus.${post.deliveryStatus}`, { defaultValue: post.deliveryStatus })}
      </Badge>
      <Text size="sm" truncate>
        {post.excerpt}
      </Text>
    </Group>
  );
}

/** The next days of one account: each slot free ("Kosong") or with its post, and posts off the slots. */
export function UpcomingQueue({ account, timezone, days }: { account: TQueueAccount; timezone: string; days: number }) {
  const { t, i18n } = useTranslation();
  const timeline = queueTimeline(account, timezone);
  const zone = zoneLabel(timezone);
  return (
    <Stack gap="xs" data-testid="upcoming-queue">
      <Title order={4} size="h5">
        {t('queue.upcoming.title', { days, zone })}
      </Title>
      {timeline.length === 0 && <Text size="sm">{t('queue.upcoming.none', { days })}</Text>}
      {timeline.map((day) => (
        <Stack key={day.date} gap={4} component="section" aria-label={dayLabel(day.date, i18n.language)}>
          <Text size="sm" fw={600}>
            {dayLabel(day.date, i18n.language)}
          </Text>
          <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }}>
            {day.items.map((item) => (
              <Group
                component="li"
                key={`${item.kind}-${item.at}-${item.kind === 'other' ? item.post.id : ''}`}
                gap="sm"
                wrap="nowrap"
                data-testid="queue-entry"
                data-at={item.at}
                data-kind={item.kind}
                data-free={item.kind === 'slot' && item.posts.length === 0 ? 'true' : 'false'}
              >
                <Text size="sm" ff="monospace" w={88} style={{ flexShrink: 0 }}>
                  {item.time} {zone}
                </Text>
                {item.kind === 'slot' && item.posts.length === 0 && (
                  <Badge size="sm" variant="default">
                    {t('queue.upcoming.free')}
                  </Badge>
                )}
                {item.kind === 'slot' && item.posts.length > 0 && (
                  <Stack gap={2} miw={0}>
                    {item.posts.map((post) => (
                      <PostLine key={post.id} post={post} />
                    ))}
                  </Stack>
                )}
                {item.kind === 'other' && (
                  <Stack gap={2} miw={0}>
                    <PostLine post={item.post} />
                    <Text size="xs" fs="italic">
                      {t('queue.upcoming.offSlot')}
                    </Text>
                  </Stack>
                )}
              </Group>
            ))}
          </Stack>
        </Stack>
      ))}
    </Stack>
  );
}
