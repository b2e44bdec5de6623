import { Group, Text } from '@mantine/core';
import type { TPlatformRules } from '@siar/shared';
import { useTranslation } from 'react-i18next';

interface TCharacterCountProps {
  text: string;
  platforms: TPlatformRules[];
}

/** Live length of the text as each platform counts it (X weighs emoji and URLs). */
export function CharacterCount({ text, platforms }: TCharacterCountProps) {
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
            data-testid={`post-char-count-${rules.id}`}
            data-over={over || undefined}
          >
            {t('composer.charCount', { platform: rules.name, count: length, max })}
          </Text>
        );
      })}
    </Group>
  );
}
