/**
 * A length of time for people: the two largest units, `3 d 4 h`, `2 h 5 min`, `12 min 3 s`, `40 s`.
 * Shared by the reports (scan duration) and the rules (how long a change has waited).
 */
export function formatSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const units: Array<[string, number]> = [
    ['d', Math.floor(s / 86_400)],
    ['h', Math.floor((s % 86_400) / 3600)],
    ['min', Math.floor((s % 3600) / 60)],
    ['s', s % 60],
  ];
  const first = units.findIndex(([, n]) => n > 0);
  if (first < 0) return '0 s';
  return units
    .slice(first, first + 2)
    .filter(([, n]) => n > 0)
    .map(([unit, n]) => `${n} ${unit}`)
    .join(' ');
}
