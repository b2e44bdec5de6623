import { Alert, Card, Divider, Stack, Text, Textarea, Title } from '@mantine/core';
import { findWatchWords, formatInZone, type TAccount, type TPostCheck } from '@siar/shared';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/confirm-modal';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useQuery } from '@tanstack/react-query';
import type { TPost } from '@siar/shared';
import { getPostQueryOptions } from '../api/get-post';
import { useLeaveGuard } from '../hooks/use-leave-guard';
import { usePostCheck } from '../hooks/use-post-check';
import { usePostForm, type TPostIntent } from '../hooks/use-post-form';
import { typedInstant } from '../utils/post-form-values';
import { CharacterCount } from './character-count';
import { PostCheckPanel } from './post-check-panel';
import { PostMediaField } from './post-media-field';
import { PostPreview } from './post-preview';
import { PostScheduleFields } from './post-schedule-fields';
import { PostThreadFields } from './post-thread-fields';
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
  /** The user's accounts (as the accounts list gives them). */
  accounts: TAccount[];
  /** The account chooser, supplied by the page so this feature does not depend on accounts. */
  renderAccountPicker: (props: TAccountSlotProps) => ReactNode;
  /** A post to start from ("Duplikat"), and what to call once it has been copied in. */
  duplicateId?: string | null;
  onDuplicated?: () => void;
}

const DONE_KEYS: Record<TPostIntent, 'composer.scheduledOk' | 'composer.draftOk' | 'composer.queuedOk' | 'composer.publishingOk'> = {
  schedule: 'composer.scheduledOk',
  draft: 'composer.draftOk',
  queue: 'composer.queuedOk',
  now: 'composer.publishingOk',
};

function useDuplicate(duplicateId: string | null | undefined, prefill: (post: TPost) => Promise<void>, onDone?: () => void) {
  const query = useQuery({ ...getPostQueryOptions(duplicateId ?? ''), enabled: Boolean(duplicateId), staleTime: 0 });
  const copied = useRef<string | null>(null);
  const [copiedFrom, setCopiedFrom] = useState<string | null>(null);
  useEffect(() => {
    if (!duplicateId || !query.data || copied.current === duplicateId) return;
    copied.current = duplicateId;
    void prefill(query.data).then(() => {
      setCopiedFrom(duplicateId);
      onDone?.();
    });
  }, [duplicateId, query.data, prefill, onDone]);
  return { loading: Boolean(duplicateId) && query.isPending, error: duplicateId ? query.error : null, copiedFrom };
}

/**
 * The server names the watch-words it found; the same matcher runs here on every keystroke, so a
 * word deleted from the text stops being flagged at once instead of after the next check.
 */
function withLiveWatchWords(check: TPostCheck | undefined, texts: string[]): TPostCheck | undefined {
  if (!check?.approval) return check;
  const watchWords = findWatchWords(texts, check.approval.watchWords);
  const reasons = check.approval.reasons.filter((reason) => reason !== 'watch_words' || watchWords.length > 0);
  const required = check.approval.required && reasons.length > 0;
  return { ...check, approval: { reasons, watchWords, required } };
}

export function PostComposer({ timezone, accounts, renderAccountPicker, duplicateId, onDuplicated }: TPostComposerProps) {
  const { t } = useTranslation();
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const platformsOf = useCallback(
    (accountIds: string[]) => accounts.filter((account) => accountIds.includes(account.id)).map((account) => account.platform),
    [accounts],
  );
  const handleOf = (accountId: string) => byId.get(accountId)?.handle;
  const isSelectable = useCallback((accountId: string) => accounts.some((account) => account.id === accountId && account.status === 'active'), [accounts]);
  const form = usePostForm({ timezone, platformsOf, isSelectable });
  const { values, errors, setField, submit, done, mutation, platformsToCount, variants, media } = form;
  const { check: answer, outdated } = usePostCheck({ values, variants: variants.texts, threadParts: form.thread.parts, timezone });
  const check = withLiveWatchWords(answer, [values.text, ...Object.values(variants.texts), ...form.thread.parts]);
  const duplicate = useDuplicate(duplicateId, form.prefill, onDuplicated);
  const blocker = useLeaveGuard(form.dirty && !mutation.isPending);
  const [confirmNow, setConfirmNow] = useState(false);

  const chosen = values.accountIds.flatMap((id) => byId.get(id) ?? []);
  const opdId = chosen[0]?.opdId ?? null;
  const typed = typedInstant(values, timezone);
  const onSubmit = (intent: TPostIntent) => (intent === 'now' ? setConfirmNow(true) : submit(intent));

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
          {duplicate.loading && <Text size="sm">{t('composer.duplicating')}</Text>}
          {duplicate.error && <ErrorAlert error={duplicate.error} />}
          {duplicate.copiedFrom && !done && (
            <Alert variant="light" color="blue" p="xs" data-testid="composer-duplicated">
              {t('composer.duplicated')}
            </Alert>
          )}
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
          <PostThreadFields
            parts={form.thread.parts}
            errors={form.thread.errors}
            platforms={values.accountIds.length > 0 ? platformsToCount : []}
            disabled={mutation.isPending}
            onAdd={form.thread.add}
            onChange={form.thread.set}
            onRemove={form.thread.remove}
          />
          <PostMediaField media={media} opdId={opdId} platforms={platformsOf(values.accountIds)} disabled={mutation.isPending} />
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
          {form.formError && (
            <Text c="red" size="sm" role="alert" data-testid="post-form-problem">
              {form.formError}
            </Text>
          )}
          {mutation.isError && <ErrorAlert error={mutation.error} testId="post-form-error" />}
          {done && (
            <Text c="green" size="sm" role="status" data-testid="post-form-success">
              {t(done.post.status === 'pending_approval' ? 'approvals.composer.submittedOk' : DONE_KEYS[done.intent], { time: done.post.scheduledAt ? formatInZone(done.post.scheduledAt, timezone) : '' })}
            </Text>
          )}
          {done?.post.warnings && <PostWarnings warnings={done.post.warnings} handleOf={handleOf} testId="post-saved-warning" />}
          <PostSubmitButtons pendingIntent={form.pendingIntent} onSubmit={onSubmit} needsApproval={check?.approval?.required ?? false} />
          <Divider label={t('preview.title')} labelPosition="left" />
          <section aria-label={t('preview.title')} data-testid="post-preview">
            <PostPreview
              accounts={chosen}
              textOf={(accountId) => (variants.texts[accountId]?.trim() ? variants.texts[accountId]! : values.text)}
              hasVariant={(accountId) => Boolean(variants.texts[accountId]?.trim())}
              media={media.uploaded}
              threadParts={form.thread.parts.filter((part) => part.trim() !== '')}
              whenLabel={typed ? formatInZone(typed, timezone, 'dd/MM HH:mm') : null}
            />
          </section>
        </Stack>
      </form>
      <ConfirmModal
        opened={confirmNow}
        title={t('composer.publishNowTitle')}
        message={t('composer.publishNowConfirm', { count: values.accountIds.length })}
        confirmLabel={t('composer.publishNowYes')}
        confirmTestId="publish-now-accept"
        onConfirm={() => {
          setConfirmNow(false);
          submit('now');
        }}
        onClose={() => setConfirmNow(false)}
      />
      <ConfirmModal
        opened={blocker.state === 'blocked'}
        title={t('composer.leaveTitle')}
        message={t('composer.leaveMessage')}
        confirmLabel={t('composer.leaveYes')}
        color="red"
        confirmTestId="leave-accept"
        onConfirm={() => blocker.proceed?.()}
        onClose={() => blocker.reset?.()}
      />
    </Card>
  );
}
