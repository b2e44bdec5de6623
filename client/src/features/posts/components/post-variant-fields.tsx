import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { rulesFor } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import type { TVariantTexts } from '../utils/post-form-values';
import { CharacterCount } from './character-count';

interface TPostVariantFieldsProps {
  /** The chosen accounts, in order; only those with a variant open get a field. */
  accountIds: string[];
  texts: TVariantTexts;
  errors: Record<string, string>;
  handleOf: (accountId: string) => string | undefined;
  platformsOf: (accountIds: string[]) => string[];
  onChange: (accountId: string, text: string) => void;
  onRemove: (accountId: string) => void;
}

/** One text per account, each counted by its own platform's rules. */
export function PostVariantFields({ accountIds, texts, errors, handleOf, platformsOf, onChange, onRemove }: TPostVariantFieldsProps) {
  const { t } = useTranslation();
  const open = accountIds.filter((id) => texts[id] !== undefined);
  if (open.length === 0) return null;

  return (
    <Stack gap="sm" data-testid="post-variants">
      <div>
        <Text fw={500} size="sm">
          {t('composer.variantsTitle')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('composer.variantsHint')}
        </Text>
      </div>
      {open.map((accountId) => {
        const handle = handleOf(accountId) ?? accountId;
        const text = texts[accountId] ?? '';
        return (
          <div key={accountId}>
            <Textarea
              label={t('composer.variantLabel', { handle })}
              autosize
              minRows={3}
              maxRows={10}
              value={text}
              onChange={(event) => onChange(accountId, event.currentTarget.value)}
              error={errors[accountId]}
              data-testid={`post-variant-${handle}`}
            />
            <Group justify="space-between" wrap="nowrap">
              <Button size="compact-xs" variant="subtle" onClick={() => onRemove(accountId)} data-testid={`post-variant-remove-${handle}`}>
                {t('composer.variantRemove')}
              </Button>
              <CharacterCount
                text={text}
                platforms={platformsOf([accountId]).flatMap((id) => rulesFor(id) ?? [])}
                testId={`post-variant-count-${handle}`}
              />
            </Group>
          </div>
        );
      })}
    </Stack>
  );
}
