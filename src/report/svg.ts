/**
 * Inline SVG charts for the HTML report, generated as strings so the page needs no chart library and
 * loads nothing. Each chart is `role="img"` with an `aria-label` that states the data in words, and
 * every mark carries its value as text beside it: colour is never the only signal. Colours come from
 * CSS classes (the page's stylesheet), so no `style` attribute is needed and the CSP stays strict.
 * Coordinates are rounded to two decimals: the same data gives the same bytes.
 */
import { escapeHtml as esc, slug } from './escape.js';

function n(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function clampShare(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function svgOpen(width: number, height: number, className: string, ariaLabel: string, extra = ''): string {
  return `<svg class="chart ${className}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(
    ariaLabel,
  )}" xmlns="http://www.w3.org/2000/svg"${extra}>`;
}

/** A point on a circle; angles in degrees, 0 = right, counter-clockwise, y axis pointing down. */
function polar(cx: number, cy: number, r: number, degrees: number): [number, number] {
  const rad = (degrees * Math.PI) / 180;
  return [cx + r * Math.cos(rad), cy - r * Math.sin(rad)];
}

/** An annular sector from `from` to `to` degrees (from > to: drawn clockwise over the top). */
function sector(cx: number, cy: number, rOuter: number, rInner: number, from: number, to: number): string {
  const [x1, y1] = polar(cx, cy, rOuter, from);
  const [x2, y2] = polar(cx, cy, rOuter, to);
  const [x3, y3] = polar(cx, cy, rInner, to);
  const [x4, y4] = polar(cx, cy, rInner, from);
  const large = Math.abs(from - to) > 180 ? 1 : 0;
  return `M${n(x1)} ${n(y1)}A${rOuter} ${rOuter} 0 ${large} 1 ${n(x2)} ${n(y2)}L${n(x3)} ${n(y3)}A${rInner} ${rInner} 0 ${large} 0 ${n(x4)} ${n(y4)}Z`;
}

export interface GaugeInput {
  level: number;
  /** Names of levels 0..max, index = level (the model's ladder, for the segment tooltips). */
  names: readonly string[];
  /** The label under the needle: the verdict's own name for its level. */
  label: string;
  ariaLabel: string;
}

/**
 * A half-circle gauge with one segment per level above 0; segments up to the level are filled, and a
 * needle points at the level. Level 0 fills nothing.
 */
export function gauge(input: GaugeInput): string {
  const max = input.names.length - 1;
  const level = Math.min(max, Math.max(0, Math.round(Number.isFinite(input.level) ? input.level : 0)));
  const cx = 130;
  const cy = 128;
  const step = 180 / max;
  const gap = 1.5;
  const parts = [svgOpen(260, 200, 'gauge', input.ariaLabel, ` data-level="${level}"`)];
  for (let i = 1; i <= max; i += 1) {
    const from = 180 - (i - 1) * step - (i === 1 ? 0 : gap / 2);
    const to = 180 - i * step + (i === max ? 0 : gap / 2);
    const on = i <= level;
    parts.push(
      `<path class="gauge-seg level-${i}${on ? ' on' : ''}" data-level="${i}" d="${sector(cx, cy, 108, 74, from, to)}"><title>${esc(
        `Level ${i}: ${input.names[i] ?? ''}${on ? ' (reached)' : ''}`,
      )}</title></path>`,
    );
  }
  for (let i = 0; i <= max; i += 1) {
    const [x, y] = polar(cx, cy, 120, 180 - i * step);
    parts.push(`<text class="gauge-tick" x="${n(x)}" y="${n(y + 4)}" text-anchor="middle">${i}</text>`);
  }
  const [nx, ny] = polar(cx, cy, 64, 180 - level * step);
  parts.push(
    `<line class="gauge-needle" x1="${cx}" y1="${cy}" x2="${n(nx)}" y2="${n(ny)}"/>`,
    `<circle class="gauge-hub" cx="${cx}" cy="${cy}" r="6"/>`,
    `<text class="gauge-value" x="${cx}" y="${cy + 40}" text-anchor="middle">${esc(`Level ${level}`)}</text>`,
    `<text class="gauge-name" x="${cx}" y="${cy + 62}" text-anchor="middle">${esc(input.label)}</text>`,
    '</svg>',
  );
  return parts.join('');
}

export interface BarItem {
  /** Stable key, used in class names and data attributes (must be a known vocabulary value). */
  key: string;
  label: string;
  value: number;
  /** Text printed beside the bar; defaults to the value. */
  valueLabel?: string;
}

/**
 * Horizontal bars on a fixed scale 0..max with a tick per integer step, e.g. CMM levels 1–5 per
 * process. A missing value (NaN) draws no bar and says "not assessed".
 */
export function horizontalBars(items: readonly BarItem[], max: number, ariaLabel: string, className: string): string {
  const labelWidth = 150;
  const plotWidth = 360;
  const valueWidth = 200;
  const rowHeight = 30;
  const top = 24;
  const width = labelWidth + plotWidth + valueWidth;
  const height = top + items.length * rowHeight + 6;
  const parts = [svgOpen(width, height, `hbars ${className}`, ariaLabel)];
  for (let t = 0; t <= max; t += 1) {
    const x = labelWidth + (plotWidth * t) / max;
    parts.push(
      `<line class="gridline" x1="${n(x)}" y1="${top - 6}" x2="${n(x)}" y2="${height - 4}"/>`,
      `<text class="tick" x="${n(x)}" y="${top - 10}" text-anchor="middle">${t}</text>`,
    );
  }
  items.forEach((item, i) => {
    const y = top + i * rowHeight;
    const known = Number.isFinite(item.value);
    const value = known ? Math.min(max, Math.max(0, item.value)) : 0;
    const barWidth = (plotWidth * value) / max;
    parts.push(
      `<text class="bar-label" x="${labelWidth - 10}" y="${y + 19}" text-anchor="end">${esc(item.label)}</text>`,
      `<rect class="track" x="${labelWidth}" y="${y + 6}" width="${plotWidth}" height="18" rx="3"/>`,
      `<rect class="bar ${slug(className)}-${Math.round(value)}" data-key="${esc(item.key)}" data-value="${known ? n(value) : ''}" x="${labelWidth}" y="${
        y + 6
      }" width="${n(barWidth)}" height="18" rx="3"><title>${esc(`${item.label}: ${item.valueLabel ?? item.value}`)}</title></rect>`,
      `<text class="bar-value" x="${labelWidth + plotWidth + 10}" y="${y + 19}">${esc(item.valueLabel ?? String(item.value))}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Vertical bars, one per item even when zero (a zero shows as a baseline and the number 0). */
export function columnBars(items: readonly BarItem[], ariaLabel: string, className: string): string {
  const colWidth = 64;
  const barWidth = 38;
  const plotHeight = 120;
  const top = 22;
  const width = items.length * colWidth + 10;
  const height = top + plotHeight + 28;
  const max = Math.max(1, ...items.map((i) => (Number.isFinite(i.value) ? i.value : 0)));
  const baseline = top + plotHeight;
  const parts = [svgOpen(width, height, `columns ${className}`, ariaLabel)];
  parts.push(`<line class="axis" x1="4" y1="${baseline}" x2="${width - 4}" y2="${baseline}"/>`);
  items.forEach((item, i) => {
    const value = Number.isFinite(item.value) ? Math.max(0, item.value) : 0;
    const h = (plotHeight * value) / max;
    const x = 8 + i * colWidth + (colWidth - barWidth) / 2;
    const cx = x + barWidth / 2;
    parts.push(
      `<rect class="bar ${slug(className)}-${slug(item.key)}" data-key="${esc(item.key)}" data-value="${n(value)}" x="${n(x)}" y="${n(
        baseline - h,
      )}" width="${barWidth}" height="${n(h)}" rx="2"><title>${esc(`${item.label}: ${value}`)}</title></rect>`,
      `<text class="bar-value" x="${n(cx)}" y="${n(baseline - h - 6)}" text-anchor="middle">${esc(item.valueLabel ?? String(value))}</text>`,
      `<text class="bar-label" x="${n(cx)}" y="${baseline + 18}" text-anchor="middle">${esc(item.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * A donut of shares, one arc per non-zero item, drawn as dashed circle strokes on a path length
 * of 100 (no trigonometry, exact joins). The total is printed in the middle.
 */
export function donut(items: readonly BarItem[], ariaLabel: string, className: string, centerCaption: string): string {
  const size = 180;
  const c = size / 2;
  const r = 66;
  const values = items.map((i) => (Number.isFinite(i.value) ? Math.max(0, i.value) : 0));
  const total = values.reduce((sum, v) => sum + v, 0);
  const parts = [svgOpen(size, size, `donut ${className}`, ariaLabel)];
  parts.push(`<circle class="donut-track" cx="${c}" cy="${c}" r="${r}" pathLength="100"/>`);
  let offset = 0;
  items.forEach((item, i) => {
    const value = values[i] ?? 0;
    if (value === 0 || total === 0) return;
    const share = (value / total) * 100;
    // Start at 12 o'clock: dashoffset 25 rotates the stroke start by a quarter turn.
    parts.push(
      `<circle class="donut-seg ${slug(className)}-${slug(item.key)}" data-key="${esc(item.key)}" data-value="${n(value)}" cx="${c}" cy="${c}" r="${r}" pathLength="100" stroke-dasharray="${n(
        share,
      )} ${n(100 - share)}" stroke-dashoffset="${n(25 - offset)}"><title>${esc(`${item.label}: ${value}`)}</title></circle>`,
    );
    offset += share;
  });
  parts.push(
    `<text class="donut-total" x="${c}" y="${c + 6}" text-anchor="middle">${total}</text>`,
    `<text class="donut-caption" x="${c}" y="${c + 26}" text-anchor="middle">${esc(centerCaption)}</text>`,
    '</svg>',
  );
  return parts.join('');
}

/** A thin progress bar for `records / total`, e.g. dataset coverage. */
export function progressBar(share: number, ariaLabel: string, className = ''): string {
  const width = 160;
  const s = clampShare(share);
  return `${svgOpen(width, 10, `progress ${className}`.trim(), ariaLabel)}<rect class="track" x="0" y="0" width="${width}" height="10" rx="5"/><rect class="fill${
    s >= 1 ? ' full' : ''
  }" x="0" y="0" width="${n(width * s)}" height="10" rx="5"/></svg>`;
}
