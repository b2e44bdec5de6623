import { NativeSelect } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, SUPPORTED_LANGUAGES } from '../../lib/i18n';

/** On a phone the header has no room for "Bahasa Indonesia": the codes (ID, EN) are shown there. */
const NARROW_QUERY = '(max-width: 36em)';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const narrow = useMediaQuery(NARROW_QUERY, false, { getInitialValueInEffect: false });
  return (
    <NativeSelect
      aria-label={t('header.language')}
      size="xs"
      value={i18n.resolvedLanguage ?? i18n.language}
      onChange={(event) => void chooseLanguage(event.currentTarget.value)}
      data={SUPPORTED_LANGUAGES.map((lng) => ({ value: lng, label: narrow ? lng.toUpperCase() : t(`language.${lng}`) }))}
      data-testid="language-switch"
    />
  );
}
