/**
 * A vendor's creation time as a Date, or undefined when it cannot be known for sure. Accepts unix
 * seconds (Bifrost), an HTTP date such as `Mon, 14 Jul 2025 09:14:24 GMT` (Tavus) and ISO 8601 with
 * a zone (A2E). A time without a zone (`2024-08-28 15:27:40`) is undefined, not guessed: read as
 * local or as UTC it could be off by a day, and a purge by age must not act on a guess.
 */
export function parseVendorTime(value: unknown): Date | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 ? new Date(value * 1000) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const httpDate = /^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
  const isoWithZone = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))$/;
  const iso = isoWithZone.exec(text);
  if (!iso && !httpDate.test(text)) return undefined;
  const time = Date.parse(iso ? `${iso[1]}T${iso[2]}` : text);
  return Number.isNaN(time) ? undefined : new Date(time);
}
