import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TPostIntent } from '../hooks/use-post-form';

interface TPostSubmitButtonsProps {
  /** The intent being saved right now, if any: its button spins, both are disabled. */
  pendingIntent: TPostIntent | null;
  onSubmit: (intent: TPostIntent) => void;
}

/** "Simpan draf" and "Jadwalkan" (the form's submit, so Enter schedules). */
export function PostSubmitButtons({ pendingIntent, onSubmit }: TPostSubmitButtonsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button
        variant="default"
        onClick={() => onSubmit('draft')}
        loading={pendingIntent === 'draft'}
        disabled={pendingIntent !== null}
        data-testid="post-draft"
      >
        {t('composer.saveDraft')}
      </Button>
      <Button type="submit" loading={pendingIntent === 'schedule'} disabled={pendingIntent !== null} data-testid="post-schedule">
        {t('composer.schedule')}
      </Button>
    </Group>
  );
}
