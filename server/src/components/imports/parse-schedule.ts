/** Wall-clock dates and times as Indonesian spreadsheets write them, read strictly. */
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DMY_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const TIME = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-01", "01/12/2026", "1/12/2026" → "2026-12-01"; anything else (or 31/02) → undefined. */
export function parseImportDate(raw: string): string | undefined {
  const value = raw.trim();
  const iso = ISO_DATE.exec(value);
  const dmy = iso ? undefined : DMY_DATE.exec(value);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : undefined;
  if (!parts) return undefined;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || d < 1 || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** "08:30", "8:30", "8.30", "08:30:00" (seconds dropped, as Excel exports times) → "08:30". */
export function parseImportTime(raw: string): string | undefined {
  const match = TIME.exec(raw.trim());
  if (!match) return undefined;
  const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (h > 23 || m > 59 || s > 59) return undefined;
  return `${pad(h)}:${pad(m)}`;
}
