import { ActionIcon, Badge, Button, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import type { TWatchWord } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/confirm-modal';
import { CloseIcon } from '../../../components/ui/icons';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { problemFieldErrors } from '../../../lib/problem-message';
import { useDeleteWatchWord, useSaveWatchWord, useWatchWords } from '../api/watch-words';

/** A word's text field: adds a new word, or edits one in place. */
function WordForm({ initial, onDone, testId }: { initial?: TWatchWord; onDone: () => void; testId: string }) {
  const { t } = useTranslation();
  const save = useSaveWatchWord();
  const [word, setWord] = useState(initial?.word ?? '');
  const fieldError = save.error ? problemFieldErrors(save.error).word : undefined;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          { ...(initial ? { id: initial.id } : {}), word },
          {
            onSuccess: () => {
              setWord('');
              onDone();
            },
          },
        );
      }}
    >
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <TextInput
          aria-label={t('approvals.watchWords.label')}
          placeholder={t('approvals.watchWords.placeholder')}
          value={word}
          onChange={(event) => {
            setWord(event.currentTarget.value);
            save.reset();
          }}
          error={fieldError}
          style={{ flex: 1 }}
          data-testid={`${testId}-input`}
        />
        <Button type="submit" loading={save.isPending} data-testid={`${testId}-save`}>
          {initial ? t('approvals.watchWords.save') : t('approvals.watchWords.add')}
        </Button>
        {initial && (
          <Button variant="default" onClick={onDone}>
            {t('approvals.watchWords.cancel')}
          </Button>
        )}
      </Group>
      {save.error && !fieldError && <ErrorAlert error={save.error} />}
    </form>
  );
}

/** Admins manage the watch-word list; every change is audited on the server. */
export function WatchWordManager() {
  const { t } = useTranslation();
  const words = useWatchWords();
  const remove = useDeleteWatchWord();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<TWatchWord | null>(null);
  const items = words.data?.items ?? [];
  return (
    <Stack gap="md" data-testid="watch-words">
      <Text size="sm" c="dimmed">
        {t('approvals.watchWords.description')}
      </Text>
      <WordForm onDone={() => undefined} testId="watch-word-new" />
      {words.isPending && <Loader size="sm" />}
      {words.isError && <ErrorAlert error={words.error} />}
      <ErrorAlert error={remove.error} />
      {words.isSuccess && items.length === 0 && <Text c="dimmed">{t('approvals.watchWords.empty')}</Text>}
      {items.length > 0 && (
        <Table striped verticalSpacing="xs">
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id} data-testid="watch-word-row">
                <Table.Td>
                  {editing === item.id ? (
                    <WordForm initial={item} onDone={() => setEditing(null)} testId="watch-word-edit" />
                  ) : (
                    <Group gap="xs">
                      <Text fw={500}>{item.word}</Text>
                      {item.createdByName ? (
                        <Text size="xs" c="dimmed">
                          {t('approvals.watchWords.addedBy', { name: item.createdByName })}
                        </Text>
                      ) : (
                        <Badge size="xs" variant="outline" color="gray">
                          {t('approvals.watchWords.starter')}
                        </Badge>
                      )}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td w={180}>
                  {editing !== item.id && (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setEditing(item.id)}>
                        {t('approvals.watchWords.edit')}
                      </Button>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`${t('approvals.watchWords.delete')} ${item.word}`}
                        onClick={() => setDeleting(item)}
                        data-testid="watch-word-delete"
                      >
                        <CloseIcon width={16} height={16} />
                      </ActionIcon>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmModal
        opened={deleting !== null}
        title={t('approvals.watchWords.deleteTitle')}
        message={t('approvals.watchWords.deleteConfirm', { word: deleting?.word ?? '' })}
        confirmLabel={t('approvals.watchWords.delete')}
        color="red"
        onConfirm={() => {
          if (deleting) remove.mutate({ id: deleting.id });
          setDeleting(null);
        }}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
