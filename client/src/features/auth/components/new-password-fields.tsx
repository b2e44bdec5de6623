import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface TNewPasswordFieldsProps {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  passwordError?: string | undefined;
  confirmError?: string | undefined;
  autoFocus?: boolean;
}

/** The new password twice, with the policy in plain words (length only; common ones refused). */
export function NewPasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  passwordError,
  confirmError,
  autoFocus,
}: TNewPasswordFieldsProps) {
  const { t } = useTranslation();
  const toggle = { 'aria-label': t('account.password.toggle') };
  return (
    <>
      <PasswordInput
        label={t('account.password.new')}
        description={t('account.password.hint')}
        value={password}
        onChange={(e) => onPassword(e.currentTarget.value)}
        error={passwordError}
        autoComplete="new-password"
        autoFocus={autoFocus}
        required
        visibilityToggleButtonProps={toggle}
        data-testid="new-password"
      />
      <PasswordInput
        label={t('account.password.confirm')}
        value={confirm}
        onChange={(e) => onConfirm(e.currentTarget.value)}
        error={confirmError}
        autoComplete="new-password"
        required
        visibilityToggleButtonProps={toggle}
        data-testid="new-password-confirm"
      />
    </>
  );
}
