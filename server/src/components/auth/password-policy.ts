import { readFileSync } from 'node:fs';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@siar/shared';

/** Words anyone guessing at a Siar of the Kabupaten would try first. */
const CONTEXT_WORDS = [
  'siar',
  'tangerang',
  'kabupaten',
  'kabupatentangerang',
  'pemkab',
  'diskominfo',
  'kominfo',
  'admin',
  'administrator',
  'operator',
  'supervisor',
];

let common: Set<string> | undefined;

/** The shipped list (common-passwords.txt, ~10,000 lines), loaded once, compared lower-cased. */
function commonPasswords(): Set<string> {
  if (!common) {
    const text = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8');
    common = new Set(
      text
        .split(/\r?\n/)
        .filter((line) => line && !line.startsWith('# '))
        .map((line) => line.toLowerCase()),
    );
    for (const word of CONTEXT_WORDS) common.add(word);
  }
  return common;
}

/** "1234567890123", "abcdefghijkl", "987654321098": every step up (or every step down) by one. */
function isRun(text: string): boolean {
  if (text.length < 4) return false;
  const steps = new Set<number>();
  for (let i = 1; i < text.length; i++) {
    const step = (text.charCodeAt(i) - text.charCodeAt(i - 1) + 10) % 10;
    steps.add(/\d/.test(text[i]!) ? step : text.charCodeAt(i) - text.charCodeAt(i - 1));
  }
  return steps.size === 1 && (steps.has(1) || steps.has(-1) || steps.has(9));
}

/**
 * Why a new password is refused, as a message key, or undefined when it is fine. No composition
 * rules (NIST SP 800-63B): at least 12 characters, and not a common password, nor one dressed up
 * (a common word with digits or symbols around it, repeated, a run like 123456789012), nor the
 * username.
 */
export function passwordWeakness(password: string, context: { username?: string } = {}): string | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'password_too_long';
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const username = context.username?.toLowerCase();
  // Contained anywhere only for usernames long enough not to be a common syllable ("ani").
  if (
    username &&
    (lower === username || core === username.replace(/[^\p{L}]+/gu, '') || (username.length >= 5 && lower.includes(username)))
  )
    return 'password_like_username';
  const list = commonPasswords();
  const period = /^(.+?)\1+$/su.exec(lower)?.[1];
  if (list.has(lower) || (core.length >= 4 && list.has(core))) return 'password_common';
  if (period !== undefined && (period.length <= 4 || list.has(period))) return 'password_common';
  if (isRun(lower) || (core === '' && isRun(lower.replace(/[^\p{L}\p{N}]/gu, '')))) return 'password_common';
  return undefined;
}
