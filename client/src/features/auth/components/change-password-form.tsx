import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { problemFieldErrors } from '../../../lib/problem-message';
import { useChangePassword } from '../api/change-password';
import { checkNewPassword, type TNewPasswordProblem } from '../utils/check-new-password';
import { NewPasswordFields } from './new-password-fields';

/** Current password, then the new one twice; on success the other devices are signed out. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<{ current?: boolean; password?: TNewPasswordProblem; confirm?: TNewPasswordProblem }>({});
  const change = useChangePassword({
    onSuccess: () => {
      setCurrent('');
      setPassword('');
      setConfirm('');
    },
  });
  const serverErrors = problemFieldErrors(change.error);
  const unmatched = change.isError && !serverErrors.currentPassword && !serverErrors.newPassword;
  const problemText = (p: TNewPasswordProblem | undefined) => (p ? t(`account.password.${p}`) : undefined);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = { ...checkNewPassword(password, confirm), ...(current === '' ? { current: true } : {}) };
    setProblems(found);
    if (Object.keys(found).length) return;
    change.mutate({ currentPassword: current, newPassword: password });
  };

  return (
    <form noValidate onSubmit={onSubmit} aria-label={t('account.password.title')} data-testid="change-password-form">
      <Stack>
        {change.isSuccess && (
          <Alert color="teal" variant="light" data-testid="change-password-done">
            {t('account.password.done')}
          </Alert>
        )}
        {unmatched && <ErrorAlert error={change.error} testId="change-password-error" />}
        <PasswordInput
          label={t('account.password.current')}
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={problems.current ? t('account.password.required') : serverErrors.currentPassword}
          autoComplete="current-password"
          autoFocus
          required
          visibilityToggleButtonProps={{ 'aria-label': t('account.password.toggle') }}
          data-testid="current-password"
        />
        <NewPasswordFields
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          passwordError={problemText(problems.password) ?? serverErrors.newPassword}
          confirmError={problemText(problems.confirm)}
        />
        <Button type="submit" loading={change.isPending} data-testid="change-password-submit">
          {t('account.password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
