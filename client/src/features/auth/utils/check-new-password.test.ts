import { describe, expect, it } from 'vitest';
import { checkNewPassword } from './check-new-password';

describe('checking a new password in the browser', () => {
  it('when it is empty, short (counting characters, not bytes) or not repeated alike, then the form says which', () => {
    expect(checkNewPassword('', '')).toEqual({ password: 'required' });
    expect(checkNewPassword('Pendek-1234', 'Pendek-1234')).toEqual({ password: 'tooShort' });
    expect(checkNewPassword('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toEqual({ password: 'tooShort' });
    expect(checkNewPassword('Gado-Gado-Pedas-2026', 'Gado-Gado-Pedas-2025')).toEqual({ confirm: 'mismatch' });
    expect(checkNewPassword('Gado-Gado-Pedas-2026', 'Gado-Gado-Pedas-2026')).toEqual({});
  });
});
