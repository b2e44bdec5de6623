import { Alert, Stack, Tabs, Text, Title } from '@mantine/core';
import { formatInZone, type TApprovalItem } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApprovalQueue } from '../../features/approvals/components/approval-queue';
import { WatchWordManager } from '../../features/approvals/components/watch-word-manager';
import { useCurrentUser } from '../../features/auth/api/get-me';
import { PostPreview } from '../../features/posts/components/post-preview';

/** Each pending post as its platforms will show it: the posts feature's preview, fed from the queue's item. */
function renderPreview(item: TApprovalItem, timezone: string) {
  const variants = new Map(item.post.deliveries.flatMap((d) => (d.variantText ? [[d.accountId, d.variantText] as const] : [])));
  return (
    <PostPreview
      accounts={item.accounts}
      textOf={(accountId) => variants.get(accountId) ?? item.post.text}
      hasVariant={(accountId) => variants.has(accountId)}
      media={item.media}
      threadParts={item.post.threadParts}
      whenLabel={item.post.scheduledAt ? formatInZone(item.post.scheduledAt, timezone, 'dd/MM HH:mm') : null}
    />
  );
}

/** /approvals: Diskominfo's queue of posts to approve or reject, and (admins) the watch-word list. */
export function ApprovalsRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'watch-words' && me.role === 'admin' ? 'watch-words' : 'queue';
  return (
    <Stack gap="md">
      <title>{`${t('approvals.title')} · ${t('app.name')}`}</title>
      <div>
        <Title order={1} size="h2">
          {t('approvals.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('approvals.description')}
        </Text>
      </div>
      {me.role === 'operator' ? (
        <Alert color="red" variant="light" role="alert" data-testid="approvals-forbidden">
          {t('approvals.forbidden')}
        </Alert>
      ) : (
        <Tabs
          value={tab}
          onChange={(value) => setSearch(value === 'watch-words' ? { tab: value } : {}, { replace: true })}
          keepMounted={false}
        >
          <Tabs.List>
            <Tabs.Tab value="queue" data-testid="approvals-tab-queue">
              {t('approvals.tabs.queue')}
            </Tabs.Tab>
            {me.role === 'admin' && (
              <Tabs.Tab value="watch-words" data-testid="approvals-tab-watch-words">
                {t('approvals.tabs.watchWords')}
              </Tabs.Tab>
            )}
          </Tabs.List>
          <Tabs.Panel value="queue" pt="md">
            <ApprovalQueue timezone={me.timezone} renderPreview={(item) => renderPreview(item, me.timezone)} />
          </Tabs.Panel>
          {me.role === 'admin' && (
            <Tabs.Panel value="watch-words" pt="md">
              <WatchWordManager />
            </Tabs.Panel>
          )}
        </Tabs>
      )}
    </Stack>
  );
}
