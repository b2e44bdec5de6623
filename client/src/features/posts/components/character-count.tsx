import { Group, Text } from '@mantine/core';
import type { TPlatformRules } from '@siar/shared';
import { useTranslation } from 'react-i18next';

interface TCharacterCountProps {
  text: string;
  platforms: TPlatformRules[];
  /** Prefix of each count's test id (`<prefix>-<platform>`). */
  testId?: string;
}

/** Live length of the text as each platform counts it (X weighs emoji and URLs). */
export function CharacterCount({ text, platforms, testId = 'post-char-count' }: TCharacterCountProps) {
  const { t } = useTranslation();
  return (
    <Group gap="md" justify="flex-end" aria-live="polite">
      {platforms.map((rules) => {
        const { length, max } = rules.checkText(text);
        const over = length > max;
        return (
          <Text
            key={rules.id}
            size="sm"
            c={over ? 'red' : 'dimmed'}
            fw={over ? 700 : undefined}
            data-testid={`${testId}-${rules.id}`}
            data-over={over || undefined}
          >
            {t('composer.charCount', { platform: rules.name, count: length, max })}
          </Text>
        );
      })}
    </Group>
  );
}
