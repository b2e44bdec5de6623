import { useTranslation } from 'react-i18next';

/** "auth.login" → "Masuk"; an action this page does not know yet shows as its name. */
export function useActionLabel(): (action: string) => string {
  const { t } = useTranslation();
  return (action) => t(`audit.actions.${action}` as never, { defaultValue: action }) as string;
}
