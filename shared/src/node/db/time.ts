/** Instants are stored as fixed-width ISO 8601 UTC text (see schema.ts). */
export function isoNow(): string {
  return new Date().toISOString();
}

export function toIso(date: Date | number): string {
  return new Date(date).toISOString();
}
