import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, SUPPORTED_LANGUAGES } from '../../lib/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('header.language')}
      size="xs"
      value={i18n.resolvedLanguage ?? i18n.language}
      onChange={(event) => void chooseLanguage(event.currentTarget.value)}
      data={SUPPORTED_LANGUAGES.map((lng) => ({ value: lng, label: t(`language.${lng}`) }))}
      data-testid="language-switch"
    />
  );
}
