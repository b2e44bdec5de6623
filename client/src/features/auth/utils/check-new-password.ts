import { ZNewPassword } from '@siar/shared';

export type TNewPasswordProblem = 'required' | 'tooShort' | 'mismatch';

/**
 * What can be told before asking the server: empty, too short, or the two entries differ.
 * Whether it is a common password only the server knows (the list stays off the client).
 */
export function checkNewPassword(password: string, confirm: string): { password?: TNewPasswordProblem; confirm?: TNewPasswordProblem } {
  if (password === '') return { password: 'required' };
  if (!ZNewPassword.safeParse(password).success) return { password: 'tooShort' };
  if (password !== confirm) return { confirm: 'mismatch' };
  return {};
}
