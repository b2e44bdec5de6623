/**
 * An amount in the UI language's way ("US$0,03" in Indonesian, "$0.03" in English). Per-post
 * prices have a third decimal (US$0,015), so up to three are shown, never fewer than two.
 */
export function formatMoney(amount: number, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 3 }).format(
      amount,
    );
  } catch {
    // An unknown currency code from a deployment's price table.
    return `${currency} ${amount}`;
  }
}
