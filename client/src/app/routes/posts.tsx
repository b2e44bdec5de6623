import { Grid, Stack, Title } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAccounts } from '../../features/accounts/api/get-accounts';
import { AccountPicker } from '../../features/accounts/components/account-picker';
import { useCurrentUser } from '../../features/auth/api/get-me';
import { PostComposer } from '../../features/posts/components/post-composer';
import { PostList } from '../../features/posts/components/post-list';

export function PostsRoute() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const accounts = useAccounts().data;
  const [searchParams, setSearchParams] = useSearchParams();
  const duplicateId = searchParams.get('duplicate');
  const clearDuplicate = useCallback(
    () =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('duplicate');
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  return (
    <>
      <title>{`${t('posts.title')} · ${t('app.name')}`}</title>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <PostComposer
            timezone={me.timezone}
            accounts={accounts ?? []}
            duplicateId={accounts ? duplicateId : null}
            onDuplicated={clearDuplicate}
            renderAccountPicker={(props) => <AccountPicker {...props} />}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="sm" component="section" aria-labelledby="post-list-title">
            <Title order={2} size="h3" id="post-list-title">
              {t('posts.listTitle')}
            </Title>
            <PostList timezone={me.timezone} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
