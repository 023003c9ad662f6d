/**
 * Escaping for every renderer. Everything in a report may come from a scanned system (a discovery
 * document, a CRM field, an error body), so every string is treated as hostile text: none of it may
 * become markup, a link target or a table delimiter in what we write.
 */

/** C0 controls except tab, LF and CR, and DEL: invisible, and forbidden in HTML text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape for HTML text and double- or single-quoted attribute values (also inside inline SVG).
 * C0 controls other than tab/newline are replaced, since HTML forbids them and they only serve to
 * confuse a reader of the source.
 */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)
    .replace(CONTROL_CHARS, '\ufffd');
}

/** Collapse CR, LF and CRLF to one marker; table cells and list items must stay on one line. */
function oneLine(value: string, newline: string): string {
  return value.replace(/\r\n|\r|\n/g, newline);
}

/**
 * Escape untrusted text for a Markdown paragraph, list item or table cell (CommonMark + GFM).
 * - `&`, `<`, `>` become entities, so no raw HTML (a `<script>` or `<img onerror>`) survives;
 * - inline syntax (backslash, backtick, emphasis, link brackets, strikethrough, pipe) is
 *   backslash-escaped, so a value cannot open a code span, a link or a new table column;
 * - newlines become `<br>` (the only HTML we emit ourselves), so a value cannot start a block
 *   (heading, quote, list, fence) and a table row cannot be split;
 * - a leading block marker (`#`, `-`, `+`, `=`, `1.` before a space) is escaped as well, so that a
 *   value at the start of a list item or paragraph stays text.
 */
export function escapeMarkdown(value: unknown): string {
  const escaped = String(value)
    .replace(CONTROL_CHARS, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
  const lines = oneLine(escaped, '\n')
    .split('\n')
    .map((line) =>
      line.replace(/^(\s*)([#+=-]|\d{1,9}[.)](?=\s|$))/, (_m, space: string, marker: string) =>
        // `1.` needs its backslash before the dot (`1\.`), the other markers before themselves.
        /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
      ),
    );
  return lines.join('<br>');
}

/**
 * A Markdown code span holding untrusted text verbatim. Code spans are never parsed for HTML,
 * links or emphasis, so this is the safest way to show URLs, subjects and JSON. The fence is one
 * backtick longer than the longest backtick run inside; newlines are shown as `\n`. Inside a GFM
 * table a pipe still splits the row even within a code span, so it is escaped there (GFM removes
 * the backslash again before rendering the span).
 */
export function markdownCode(value: unknown, inTable: boolean): string {
  let text = oneLine(String(value), '\\n').replace(CONTROL_CHARS, '\ufffd');
  if (text.length === 0) return '*(empty)*';
  if (inTable) {
    // GFM's cell scanner reads `\\` as an escaped backslash, so a backslash right before a pipe
    // would let that pipe split the row even after escaping. Such values fall back to escaped text
    // in a <code> element (the only form in which both characters survive exactly).
    if (/\\\|/.test(text)) return `<code>${escapeMarkdown(text)}</code>`;
    text = text.replace(/\|/g, '\\|');
  }
  let longestRun = 0;
  for (const run of text.matchAll(/`+/g)) longestRun = Math.max(longestRun, run[0].length);
  const fence = '`'.repeat(longestRun + 1);
  // A span that starts or ends with a backtick (or with spaces on both sides) needs one padding
  // space on each side; CommonMark strips exactly one from each side.
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Whether a URL may be emitted as a link target. Only absolute http(s) URLs without characters that
 * would need escaping in an attribute or a Markdown link destination; anything else (`javascript:`,
 * `data:`, relative paths, spaces) is shown as text only.
 */
export function isSafeLinkUrl(url: string | undefined): url is string {
  if (url === undefined) return false;
  if (!/^https?:\/\/[^\s<>"'`\\()|]+$/i.test(url)) return false;
  return URL.canParse(url);
}

/** Cut a string to at most `max` code points (never splitting a surrogate pair), marking the cut. */
export function truncate(value: string, max: number): string {
  const points = Array.from(value);
  if (points.length <= max) return value;
  return `${points.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * A CSS class fragment from a vocabulary value (`n/a` -> `n-a`). Only for class names and ids we
 * build ourselves; anything outside `[A-Za-z0-9_-]` becomes `-`, so no value can break a selector.
 */
export function slug(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '-');
}
