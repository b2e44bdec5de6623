import { Card, Stack, Text, Textarea, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { usePostCheck } from '../hooks/use-post-check';
import { usePostForm, type TPostIntent } from '../hooks/use-post-form';
import { CharacterCount } from './character-count';
import { PostCheckPanel } from './post-check-panel';
import { PostScheduleFields } from './post-schedule-fields';
import { PostSubmitButtons } from './post-submit-buttons';
import { PostVariantFields } from './post-variant-fields';
import { PostWarnings } from './post-warnings';

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
  handleOf: (accountId: string) => string | undefined;
}

export function PostComposer({ timezone, renderAccountPicker, platformsOf, handleOf }: TPostComposerProps) {
  const { t } = useTranslation();
  const { values, errors, setField, submit, done, mutation, platformsToCount, variants } = usePostForm({ timezone, platformsOf });
  const { check, outdated } = usePostCheck({ values, variants: variants.texts, timezone });
  const pendingIntent: TPostIntent | null = mutation.isPending ? (mutation.variables?.scheduledAt === null ? 'draft' : 'schedule') : null;

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
          <PostVariantFields
            accountIds={values.accountIds}
            texts={variants.texts}
            errors={variants.errors}
            handleOf={handleOf}
            platformsOf={platformsOf}
            onChange={variants.set}
            onRemove={variants.remove}
          />
          <PostScheduleFields
            timezone={timezone}
            date={values.date}
            time={values.time}
            onChange={setField}
            dateError={errors.date}
            timeError={errors.time}
          />
          <PostCheckPanel
            check={check}
            outdated={outdated}
            handleOf={handleOf}
            onMakeVariants={(accountIds) => variants.open(accountIds, values.text)}
            variantAccountIds={Object.keys(variants.texts)}
          />
          {mutation.isError && <ErrorAlert error={mutation.error} testId="post-form-error" />}
          {done && (
            <Text c="green" size="sm" role="status" data-testid="post-form-success">
              {t(done === 'draft' ? 'composer.draftOk' : 'composer.scheduledOk')}
            </Text>
          )}
          {done && mutation.data?.warnings && (
            <PostWarnings warnings={mutation.data.warnings} handleOf={handleOf} testId="post-saved-warning" />
          )}
          <PostSubmitButtons pendingIntent={pendingIntent} onSubmit={submit} />
        </Stack>
      </form>
    </Card>
  );
}
