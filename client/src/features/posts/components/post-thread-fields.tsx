import { ActionIcon, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import type { TPlatformRules } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from '../../../components/ui/icons';
import { CharacterCount } from './character-count';

interface TPostThreadFieldsProps {
  parts: string[];
  errors: Record<number, string>;
  /** Rules of the chosen platforms: each part is counted against each. */
  platforms: TPlatformRules[];
  disabled: boolean;
  onAdd: () => void;
  onChange: (index: number, text: string) => void;
  onRemove: (index: number) => void;
}

/** A thread's parts after the first; offered only when every chosen platform has threads. */
export function PostThreadFields({ parts, errors, platforms, disabled, onAdd, onChange, onRemove }: TPostThreadFieldsProps) {
  const { t } = useTranslation();
  const without = platforms.filter((rules) => !rules.maxThreadParts);
  const max = Math.min(...platforms.map((rules) => rules.maxThreadParts ?? 1));
  const canAdd = without.length === 0 && platforms.length > 0 && parts.length + 1 < max;
  return (
    <Stack gap="xs">
      {parts.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('thread.hint')}
        </Text>
      )}
      {parts.map((part, index) => (
        <div key={index}>
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <Textarea
              style={{ flex: 1 }}
              label={t('thread.partLabel', { number: index + 2 })}
              placeholder={t('thread.partPlaceholder')}
              autosize
              minRows={2}
              maxRows={8}
              value={part}
              disabled={disabled}
              error={errors[index]}
              onChange={(event) => onChange(index, event.currentTarget.value)}
              data-testid={`thread-part-${index}`}
            />
            <ActionIcon variant="subtle" color="red" mt={26} onClick={() => onRemove(index)} aria-label={t('thread.removePart', { number: index + 2 })} disabled={disabled}>
              <CloseIcon width={16} height={16} />
            </ActionIcon>
          </Group>
          <CharacterCount text={part} platforms={platforms} testId={`thread-part-count-${index}`} />
        </div>
      ))}
      {parts.length > 0 && without.length > 0 && (
        <Text size="sm" c="red" role="alert">
          {t('thread.notSupported', { platforms: without.map((rules) => rules.name).join(', ') })}
        </Text>
      )}
      {canAdd && (
        <Group>
          <Button size="compact-sm" variant="subtle" onClick={onAdd} disabled={disabled} data-testid="thread-add">
            {t('thread.addPart')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
