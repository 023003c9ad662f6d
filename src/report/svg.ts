/**
 * Inline SVG charts for the HTML report, generated as strings so the page needs no chart library and
 * loads nothing. Each chart is `role="img"` with an `aria-label` that states the data in words (the
 * overlap heatmap is a `role="group"` of cells that are each `role="img"` with their own numbers), and
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
export function progressBar(share: number, ariaLabel: string, className = '', width = 160): string {
  const s = clampShare(share);
  return `${svgOpen(width, 10, `progress ${className}`.trim(), ariaLabel)}<rect class="track" x="0" y="0" width="${width}" height="10" rx="5"/><rect class="fill${
    s >= 1 ? ' full' : ''
  }" x="0" y="0" width="${n(width * s)}" height="10" rx="5"/></svg>`;
}

/** A label cut to `max` code points for a chart (the full text stays in the mark's <title>). */
function clip(value: string, max: number): string {
  const points = Array.from(value);
  return points.length <= max ? value : `${points.slice(0, max - 1).join('')}…`;
}

/** A text label clipped to `max` code points; a clipped one keeps the full text in a tooltip. */
function clippedText(attrs: string, value: string, max: number): string {
  const shown = clip(value, max);
  const text = `<text ${attrs}>${esc(shown)}</text>`;
  return shown === value ? text : `<g><title>${esc(value)}</title>${text}</g>`;
}

/** Heat class 0..5 of a share: 0 is empty, then five steps of 20 %. */
export function heatLevel(share: number | undefined): number {
  if (share === undefined || !Number.isFinite(share) || share <= 0) return 0;
  return Math.min(5, Math.floor(clampShare(share) * 5) + 1);
}

export interface HeatmapSystem {
  /** The full name (shown clipped, complete in the tooltip). */
  name: string;
  /** The diagonal cell: the system's own count and what it is. */
  value: string;
  caption: string;
  note: string;
}

export interface HeatmapPair {
  /** Indices into the systems, row > col (the lower triangle). */
  row: number;
  col: number;
  a: string;
  b: string;
  shared: number;
  share?: number;
  state: 'silo' | 'joined' | 'disjoint';
  value: string;
  caption: string;
  note: string;
  /** One sentence with every number of the cell, for assistive technology and the tooltip. */
  label: string;
}

/**
 * The overlap matrix of the systems as a lower-triangle heatmap: the diagonal names each system
 * with its own count, each cell below it is one pair, coloured by the share of the smaller
 * system's people. A silo is outlined in red and tagged "⚠ SILO" (shape and word, not colour
 * alone); every cell states its numbers as text and in its aria-label.
 */
export function overlapHeatmap(systems: readonly HeatmapSystem[], pairs: readonly HeatmapPair[], ariaLabel: string): string {
  const size = systems.length;
  const labelWidth = 172;
  const cellWidth = 136;
  const cellHeight = 78;
  const gap = 4;
  const top = 4;
  const bottom = 30;
  const width = labelWidth + size * (cellWidth + gap);
  const height = top + size * (cellHeight + gap) + bottom;
  const x = (col: number) => labelWidth + col * (cellWidth + gap);
  const y = (row: number) => top + row * (cellHeight + gap);
  const parts = [
    `<svg class="chart heatmap" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="${esc(ariaLabel)}" xmlns="http://www.w3.org/2000/svg">`,
  ];
  systems.forEach((s, i) => {
    parts.push(
      clippedText(`class="heat-row-label" x="${labelWidth - 12}" y="${y(i) + cellHeight / 2 + 4}" text-anchor="end"`, s.name, 22),
      clippedText(`class="heat-col-label" x="${x(i) + cellWidth / 2}" y="${top + size * (cellHeight + gap) + 14}" text-anchor="middle"`, s.name, 18),
      `<g class="heat-system" role="img" aria-label="${esc(`${s.name}: ${s.value} ${s.caption}, ${s.note}`)}"><title>${esc(
        `${s.name}: ${s.value} ${s.caption} (${s.note})`,
      )}</title><rect class="heat-diag" x="${x(i)}" y="${y(i)}" width="${cellWidth}" height="${cellHeight}" rx="6"/>`,
      `<text class="heat-value" x="${x(i) + cellWidth / 2}" y="${y(i) + 30}" text-anchor="middle">${esc(s.value)}</text>`,
      `<text class="heat-sub" x="${x(i) + cellWidth / 2}" y="${y(i) + 47}" text-anchor="middle">${esc(s.caption)}</text>`,
      `<text class="heat-note" x="${x(i) + cellWidth / 2}" y="${y(i) + 64}" text-anchor="middle">${esc(s.note)}</text></g>`,
    );
  });
  for (const p of pairs) {
    const level = heatLevel(p.share);
    const cx = x(p.col) + cellWidth / 2;
    const top0 = y(p.row);
    const cell = [
      `<g class="heat-pair heat-${level}${p.state === 'silo' ? ' silo' : ''}" data-a="${esc(p.a)}" data-b="${esc(p.b)}" data-shared="${n2(p.shared)}" data-share="${
        p.share === undefined ? '' : String(Math.round(clampShare(p.share) * 10_000) / 10_000)
      }" data-state="${esc(p.state)}" role="img" aria-label="${esc(p.label)}"><title>${esc(p.label)}</title>`,
      `<rect class="heat-cell" x="${x(p.col)}" y="${top0}" width="${cellWidth}" height="${cellHeight}" rx="6"/>`,
      `<text class="heat-value" x="${cx}" y="${top0 + 27}" text-anchor="middle">${esc(p.value)}</text>`,
      `<text class="heat-sub" x="${cx}" y="${top0 + 44}" text-anchor="middle">${esc(p.caption)}</text>`,
    ];
    if (p.state === 'silo') {
      cell.push(
        `<rect class="silo-outline" x="${x(p.col) + 1.5}" y="${top0 + 1.5}" width="${cellWidth - 3}" height="${cellHeight - 3}" rx="5"/>`,
        `<rect class="silo-tag" x="${cx - 38}" y="${top0 + 51}" width="76" height="18" rx="9"/>`,
        `<text class="silo-text" x="${cx}" y="${top0 + 64}" text-anchor="middle">${esc(p.note)}</text>`,
      );
    } else if (p.note) {
      cell.push(`<text class="heat-note" x="${cx}" y="${top0 + 64}" text-anchor="middle">${esc(p.note)}</text>`);
    }
    cell.push('</g>');
    parts.push(cell.join(''));
  }
  parts.push('</svg>');
  return parts.join('');
}

/** A count for a data attribute: finite and not negative. */
function n2(value: number): string {
  return n(Number.isFinite(value) ? Math.max(0, value) : 0);
}

export interface StackedSegment {
  key: string;
  label: string;
  value: number;
}

export interface StackedRow {
  key: string;
  label: string;
  segments: StackedSegment[];
  /** The numbers of the row in words, printed under the bar. */
  caption: string;
}

/**
 * One horizontal 100 % bar per row, split into segments in the given order. Each segment carries
 * its count inside when it is wide enough, and the caption under the bar repeats every count with
 * its name, so no segment is identified by colour alone.
 */
export function stackedBars(rows: readonly StackedRow[], ariaLabel: string, className: string): string {
  const width = 480;
  const rowHeight = 78;
  const height = rows.length * rowHeight;
  const parts = [svgOpen(width, height, `stacked ${className}`, ariaLabel)];
  rows.forEach((row, i) => {
    const y = i * rowHeight;
    const values = row.segments.map((s) => (Number.isFinite(s.value) ? Math.max(0, s.value) : 0));
    const total = values.reduce((sum, v) => sum + v, 0);
    parts.push(
      `<g class="stacked-row" data-key="${esc(row.key)}" data-total="${n(total)}">`,
      clippedText(`class="stacked-label" x="0" y="${y + 14}"`, row.label, 60),
      `<rect class="track" x="0" y="${y + 22}" width="${width}" height="24" rx="4"/>`,
    );
    let offset = 0;
    row.segments.forEach((s, j) => {
      const value = values[j] ?? 0;
      const w = total > 0 ? (width * value) / total : 0;
      parts.push(
        `<rect class="seg seg-${slug(s.key)}" data-key="${esc(s.key)}" data-value="${n(value)}" x="${n(offset)}" y="${y + 22}" width="${n(w)}" height="24"><title>${esc(
          `${row.label}: ${s.label} ${value}`,
        )}</title></rect>`,
      );
      if (w >= 36) parts.push(`<text class="seg-value" x="${n(offset + w / 2)}" y="${y + 38.5}" text-anchor="middle">${esc(String(value))}</text>`);
      offset += w;
    });
    parts.push(clippedText(`class="stacked-caption" x="0" y="${y + 63}"`, row.caption, 80), '</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The smallest of 5 %, 10 %, 20 %, 25 %, 50 %, 100 % that holds the largest share. */
function shareScale(max: number): number {
  return [0.05, 0.1, 0.2, 0.25, 0.5, 1].find((s) => max <= s) ?? 1;
}

/**
 * Horizontal bars of shares (0..1) on a scale fitted to the largest one, with a labelled tick per
 * fifth of the scale; the value label beside each bar says what it is.
 */
export function shareBars(items: readonly BarItem[], ariaLabel: string, className: string): string {
  const labelWidth = 112;
  const plotWidth = 210;
  const valueWidth = 158;
  const rowHeight = 30;
  const top = 24;
  const width = labelWidth + plotWidth + valueWidth;
  const height = top + items.length * rowHeight + 6;
  const scale = shareScale(Math.max(0, ...items.map((i) => clampShare(i.value))));
  const parts = [svgOpen(width, height, `hbars shares ${className}`, ariaLabel)];
  for (let t = 0; t <= 5; t += 1) {
    const x = labelWidth + (plotWidth * t) / 5;
    parts.push(
      `<line class="gridline" x1="${n(x)}" y1="${top - 6}" x2="${n(x)}" y2="${height - 4}"/>`,
      `<text class="tick" x="${n(x)}" y="${top - 10}" text-anchor="middle">${n((scale * t * 100) / 5)} %</text>`,
    );
  }
  items.forEach((item, i) => {
    const y = top + i * rowHeight;
    const value = clampShare(item.value);
    parts.push(
      clippedText(`class="bar-label" x="${labelWidth - 10}" y="${y + 19}" text-anchor="end"`, item.label, 13),
      `<rect class="track" x="${labelWidth}" y="${y + 6}" width="${plotWidth}" height="18" rx="3"/>`,
      `<rect class="bar ${slug(className)}-bar" data-key="${esc(item.key)}" data-value="${n(value)}" x="${labelWidth}" y="${y + 6}" width="${n(
        (plotWidth * Math.min(value, scale)) / scale,
      )}" height="18" rx="3"><title>${esc(`${item.label}: ${item.valueLabel ?? item.value}`)}</title></rect>`,
      `<text class="bar-value" x="${labelWidth + plotWidth + 10}" y="${y + 19}">${esc(item.valueLabel ?? String(item.value))}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface ColumnSeries {
  key: string;
  label: string;
  /** One value per group; undefined draws nothing for that group. */
  values: Array<number | undefined>;
}

/**
 * Grouped columns: one group per category (e.g. account age), one column per series inside it,
 * each with its value printed on top. Series are told apart by colour, by their fixed order in every
 * group and by the legend the page prints beside the chart.
 */
export function groupedColumns(groups: readonly string[], series: readonly ColumnSeries[], ariaLabel: string, className: string, format: (v: number) => string): string {
  const barWidth = 30;
  const barGap = 6;
  const groupGap = 28;
  const left = 34;
  const top = 20;
  const plotHeight = 130;
  const groupWidth = series.length * barWidth + Math.max(0, series.length - 1) * barGap;
  const width = left + groups.length * (groupWidth + groupGap) + 4;
  const height = top + plotHeight + 30;
  const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => (v !== undefined && Number.isFinite(v) ? v : 0))));
  const yMax = Math.max(1, Math.ceil(max));
  const step = yMax <= 5 ? 1 : Math.ceil(yMax / 5);
  const baseline = top + plotHeight;
  const parts = [svgOpen(width, height, `columns grouped ${className}`, ariaLabel)];
  for (let t = 0; t <= yMax; t += step) {
    const y = baseline - (plotHeight * t) / yMax;
    parts.push(
      `<line class="${t === 0 ? 'axis' : 'gridline'}" x1="${left}" y1="${n(y)}" x2="${width - 4}" y2="${n(y)}"/>`,
      `<text class="tick" x="${left - 6}" y="${n(y + 4)}" text-anchor="end">${t}</text>`,
    );
  }
  groups.forEach((group, g) => {
    const gx = left + groupGap / 2 + g * (groupWidth + groupGap);
    series.forEach((s, i) => {
      const v = s.values[g];
      if (v === undefined || !Number.isFinite(v)) return;
      const value = Math.max(0, v);
      const h = (plotHeight * value) / yMax;
      const bx = gx + i * (barWidth + barGap);
      parts.push(
        `<rect class="bar series-${i % 6}" data-key="${esc(s.key)}" data-group="${esc(group)}" data-value="${n(value)}" x="${n(bx)}" y="${n(baseline - h)}" width="${barWidth}" height="${n(
          h,
        )}" rx="2"><title>${esc(`${s.label}, ${group}: ${format(value)}`)}</title></rect>`,
        `<text class="col-value" x="${n(bx + barWidth / 2)}" y="${n(baseline - h - 5)}" text-anchor="middle">${esc(format(value))}</text>`,
      );
    });
    parts.push(clippedText(`class="bar-label" x="${n(gx + groupWidth / 2)}" y="${baseline + 18}" text-anchor="middle"`, group, 12));
  });
  parts.push('</svg>');
  return parts.join('');
}
