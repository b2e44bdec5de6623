import { describe, expect, it } from 'vitest';
import { formatMoney } from './format-money';

describe('amounts of money', () => {
  it('when the UI is in Indonesian, then the decimal separator is a comma', () => {
    expect(formatMoney(0.03, 'USD', 'id')).toBe('US$0,03');
    expect(formatMoney(0.015, 'USD', 'id')).toBe('US$0,015');
  });

  it('when the UI is in English, then it is written the English way', () => {
    expect(formatMoney(0.2, 'USD', 'en')).toBe('$0.20');
  });
});
