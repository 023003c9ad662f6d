/**
 * Timestamps as exports and identity APIs write them, read strictly and normalised to ISO 8601 UTC.
 * Shared by the file connector (every time column) and the consent mapping of the identity stores.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** The ECMAScript date-time format with an explicit zone: Date.parse reads it exactly, and fast. */
const ES_DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-](?:0\d|1[0-8]):[0-5]\d)$/;

/**
 * ISO 8601 dates and date-times (`T` or a space between; seconds and fractions optional; `Z`,
 * `+hh:mm`, `+hhmm` or `+hh`; no zone means UTC, so that a scan never depends on the machine's time
 * zone), or epoch numbers of 9 to 15 digits: below 1e11 seconds, otherwise milliseconds (Keycloak's
 * createdTimestamp). Returns the instant as ISO 8601 UTC, or undefined when the text is not a valid
 * date.
 */
export function parseTimestamp(value: string): string | undefined {
  const text = value.trim();
  if (ES_DATE_TIME_WITH_ZONE.test(text)) {
    // Exports are mostly this form (Auth0, Okta, SCIM): no need to take it apart. 30 February and
    // 25:00 are not valid here either, so the strict checks below still apply to anything odd.
    const t = Date.parse(text);
    if (Number.isFinite(t) && sameCalendarDay(text, t)) return new Date(t).toISOString();
  }
  if (/^\d{9,15}(\.\d+)?$/.test(text)) {
    const n = Number(text);
    const date = new Date(n < 1e11 ? n * 1000 : n);
    return Number.isFinite(date.getTime()) ? date.toISOString() : undefined;
  }
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  // Date.UTC rolls 31 February over into March: such a date is not valid.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  const fraction = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  let t = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), Math.floor(fraction));
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    if (offset > 18 * 60) return undefined;
    t -= (zone[0] === '-' ? -1 : 1) * offset * 60_000;
  }
  return new Date(t).toISOString();
}

/** V8's Date.parse takes 2024-02-30 for 1 March: the calendar day must survive the round trip. */
function sameCalendarDay(text: string, t: number): boolean {
  const zone = /(?:Z|([+-])(\d{2}):(\d{2}))$/.exec(text);
  const offsetMs = zone?.[1] ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) * 60_000 : 0;
  const local = new Date(t + offsetMs);
  return local.getUTCDate() === Number(text.slice(8, 10)) && local.getUTCMonth() + 1 === Number(text.slice(5, 7));
}
