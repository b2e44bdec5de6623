import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { platformRules, rulesFor, type TPost } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { problemFieldErrors } from '../../../lib/problem-message';
import { useEditPostText } from '../api/edit-post-text';
import { CharacterCount } from './character-count';

interface TEditTextModalProps {
  post: TPost;
  opened: boolean;
  onClose: () => void;
}

/** "Ubah teks": edits the main text of a post not yet published; the server checks it per platform again. */
export function EditTextModal({ post, opened, onClose }: TEditTextModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('postActions.editTitle')} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      {/* Unmounted when closed: each opening starts from the post as it is now. */}
      <EditTextForm post={post} onClose={onClose} />
    </Modal>
  );
}

function EditTextForm({ post, onClose }: Omit<TEditTextModalProps, 'opened'>) {
  const { t } = useTranslation();
  const [text, setText] = useState(post.text);
  const mutation = useEditPostText();
  const platforms = [...new Set(post.deliveries.map((delivery) => delivery.platform))].flatMap((id) => rulesFor(id) ?? []);
  const fieldError = problemFieldErrors(mutation.error).text;
  const submit = () => {
    if (!text.trim()) return;
    mutation.mutate({ postId: post.id, text, revision: post.revision }, { onSuccess: onClose });
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack>
        <div>
          <Textarea
            label={t('composer.text')}
            autosize
            minRows={4}
            maxRows={14}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            error={!text.trim() ? t('validation.text_required') : fieldError}
            data-autofocus
            data-testid="edit-text-input"
          />
          <CharacterCount text={text} platforms={platforms.length > 0 ? platforms : Object.values(platformRules)} testId="edit-text-count" />
        </div>
        {mutation.isError && !fieldError && <ErrorAlert error={mutation.error} testId="edit-text-error" />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={!text.trim() || text === post.text} data-testid="edit-text-submit">
            {t('postActions.editSave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
