import { Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { zoneLabel } from '@siar/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { usePostForm, type TPostIntent } from '../hooks/use-post-form';
import { CharacterCount } from './character-count';

export interface TAccountSlotProps {
  value: string[];
  onChange: (accountIds: string[]) => void;
  error: string | undefined;
  disabled: boolean;
}

interface TPostComposerProps {
  timezone: string;
  /** The account chooser, supplied by the page so this feature does not depend on accounts. */
  renderAccountPicker: (props: TAccountSlotProps) => ReactNode;
  platformsOf: (accountIds: string[]) => string[];
}

export function PostComposer({ timezone, renderAccountPicker, platformsOf }: TPostComposerProps) {
  const { t } = useTranslation();
  const { values, errors, setField, submit, done, mutation, platformsToCount } = usePostForm({ timezone, platformsOf });
  const zone = zoneLabel(timezone);
  const pendingIntent = mutation.isPending ? (mutation.variables?.scheduledAt === null ? 'draft' : 'schedule') : null;
  const onSubmit = (intent: TPostIntent) => () => submit(intent);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="composer-title">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit('schedule');
        }}
      >
        <Stack>
          <Title order={2} size="h3" id="composer-title">
            {t('composer.title')}
          </Title>
          {renderAccountPicker({
            value: values.accountIds,
            onChange: (accountIds) => setField('accountIds', accountIds),
            error: errors.accountIds,
            disabled: mutation.isPending,
          })}
          <div>
            <Textarea
              label={t('composer.text')}
              placeholder={t('composer.textPlaceholder')}
              autosize
              minRows={4}
              maxRows={12}
              value={values.text}
              onChange={(event) => setField('text', event.currentTarget.value)}
              error={errors.text}
              data-testid="post-text"
            />
            <CharacterCount text={values.text} platforms={platformsToCount} />
          </div>
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('composer.date', { zone })}
              value={values.date}
              onChange={(event) => setField('date', event.currentTarget.value)}
              error={errors.date}
              data-testid="post-date"
            />
            <TextInput
              type="time"
              label={t('composer.time', { zone })}
              value={values.time}
              onChange={(event) => setField('time', event.currentTarget.value)}
              error={Boolean(errors.date) || errors.time}
              data-testid="post-time"
            />
          </Group>
          {mutation.isError && <ErrorAlert error={mutation.error} testId="post-form-error" />}
          {done && (
            <Text c="green" size="sm" role="status" data-testid="post-form-success">
              {t(done === 'draft' ? 'composer.draftOk' : 'composer.scheduledOk')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={onSubmit('draft')}
              loading={pendingIntent === 'draft'}
              disabled={mutation.isPending}
              data-testid="post-draft"
            >
              {t('composer.saveDraft')}
            </Button>
            <Button type="submit" loading={pendingIntent === 'schedule'} disabled={mutation.isPending} data-testid="post-schedule">
              {t('composer.schedule')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
