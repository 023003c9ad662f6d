import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import { emptyReport } from '../fixtures-report/empty.js';
import { HOSTILE_RESULTS, hostileReport } from '../fixtures-report/hostile.js';
import { oidcScanReport } from '../fixtures-report/oidc-scan.js';

/**
 * Remove CommonMark code spans (a backtick run closed by the next run of the same length), whose
 * content is shown verbatim and never parsed as HTML; what remains is what a renderer interprets.
 */
function stripCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch !== '`') {
      out += ch;
      i += 1;
      continue;
    }
    let run = 0;
    while (line[i + run] === '`') run += 1;
    const closer = new RegExp(`(?<!\`)\`{${run}}(?!\`)`, 'g');
    closer.lastIndex = i + run;
    const match = closer.exec(line);
    if (match) {
      out += '<CODE>';
      i = match.index + run;
    } else {
      out += line.slice(i, i + run);
      i += run;
    }
  }
  return out;
}

/** GFM splits a table row on every pipe that is not backslash-escaped, even inside code spans. */
function cellCount(row: string): number {
  const pipes = row.match(/(?<!\\)\|/g) ?? [];
  return pipes.length - 1;
}

function tables(md: string): string[][] {
  const out: string[][] = [];
  let current: string[] | undefined;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) {
      if (!current) out.push((current = []));
      current.push(line);
    } else current = undefined;
  }
  return out;
}

describe('renderMarkdown', () => {
  const md = renderMarkdown(oidcScanReport);

  it('has the title with tool version and scan times', () => {
    expect(md.startsWith('# ciamscan report\n')).toBe(true);
    expect(md).toContain('**ciamscan 0.1.0**');
    expect(md).toContain('Started 2025-05-04T09:30:00.000Z');
    expect(md).toContain('finished 2025-05-04T09:31:12.480Z');
    expect(md).toContain('took 1 min 12 s');
  });

  it('has every section in order', () => {
    const headings = [
      '## Summary',
      '## Maturity',
      '### Supports (2)',
      '### Contradicts (1)',
      '### Blockers (2)',
      '### Not observed (2)',
      '### Per process',
      '### For attestation',
      '## Targets',
      '### Errors on `partner-oidc` (2)',
      '## Findings',
      '### Failures and warnings',
      '#### Critical (1 fail, 0 warn)',
      '#### High (1 fail, 0 warn)',
      '#### Medium (1 fail, 1 warn)',
      '#### Low (1 fail, 0 warn)',
      '### Not decided (unknown)',
      '### Passed, informational and not applicable',
      '## Identity',
    ];
    let last = -1;
    for (const h of headings) {
      const at = md.indexOf(`\n${h}\n`);
      expect(at, h).toBeGreaterThan(last);
      last = at;
    }
  });

  it('summarises outcomes, failures by severity and completeness', () => {
    expect(md).toContain('| Fail | 4 |');
    expect(md).toContain('| Unknown | 4 |');
    expect(md).toContain('| **Total** | **17** |');
    expect(md).toContain('| Critical | 1 |');
    expect(md).toContain('**Incomplete:** 1 of 2 targets could not be fully read (`partner-oidc`)');
  });

  it('states the maturity verdict with its evidence and per-process table', () => {
    expect(md).toContain('**Level 1 — Managed identity** · confidence **medium** · 63 % of the cited evidence observed');
    expect(md).toContain('- Level 2, failed-gate (`OIDC-ISS-PARAMETER`, `OIDC-PKCE-S256`): Two gates of level 2 fail.');
    expect(md).toContain('| authentication | 2 | Managed | medium | 50 % | 0 |');
    expect(md).toContain('- A named owner is accountable for the customer identity roadmap.');
  });

  it('lists targets with coverage and errors with code, message and remediation', () => {
    expect(md).toContain('clients: partial, 120/480 records, 3 pages (rate limited)');
    expect(md).toContain('missing permissions: `view-events`');
    expect(md).toContain(
      '| `TIMEOUT` | GET jwks\\_uri timed out after 10000 ms | `https://id.partner.example/jwks` | — | yes | Retry later or raise targets\\[\\].timeoutMs. |',
    );
  });

  it('shows failures with evidence, remediation and references, and unknowns with their reason', () => {
    expect(md).toContain('##### `OIDC-PKCE-S256` — PKCE with S256 is advertised');
    expect(md).toContain('`{"code_challenge_methods_supported":["plain"],"source":"https://id.partner.example/.well-known/openid-configuration"}`');
    expect(md).toContain('**Remediation:** Advertise code\\_challenge\\_methods\\_supported');
    expect(md).toContain('[RFC 7636 §4.2](<https://www.rfc-editor.org/rfc/rfc7636#section-4.2>)');
    expect(md).toContain('RFC 7518 §3.3 · NIST SP 800-57 Part 1 §5.6.1');
    expect(md).toContain('| no-permission (view-events) | the credential lacks a role |');
    expect(md).toContain('| collection-error | the JWKS could not be read (timeout after 10 s) | Retry later or raise the timeout. |');
  });

  it('orders fail before warn within a rule group and critical before lower severities', () => {
    expect(md.indexOf('OIDC-JWKS-KEY-STRENGTH` — ')).toBeLessThan(md.indexOf('OIDC-PKCE-S256` — '));
    expect(md.indexOf('#### Medium')).toBeLessThan(md.indexOf('#### Low'));
  });

  it('summarises pass, info and n/a per rule instead of one line each', () => {
    expect(md).toContain('| `OIDC-DISCOVERY-VALID` | The discovery document is valid JSON served over HTTPS | 2 | 0 | 0 | `corp-oidc`, `partner-oidc` |');
    // The subject of a passing result appears nowhere: passes are counted, not listed.
    expect(md).not.toContain('kid:ec-2024');
  });

  it('keeps every table row at the width of its header', () => {
    for (const report of [oidcScanReport, hostileReport, emptyReport]) {
      for (const table of tables(renderMarkdown(report))) {
        const width = cellCount(table[0]!);
        for (const row of table) expect(cellCount(row), row).toBe(width);
      }
    }
  });

  it('renders an empty scan', () => {
    const empty = renderMarkdown(emptyReport);
    expect(empty).toContain('No targets were scanned.');
    expect(empty).toContain('No failures or warnings.');
    expect(empty).toContain('**Level 0 — Nonexistent** · confidence **none**');
    expect(empty).toContain('| **Total** | **0** |');
  });
});

describe('renderMarkdown with hostile values', () => {
  const md = renderMarkdown(hostileReport);

  it('lets no raw HTML through outside code spans', () => {
    for (const line of md.split('\n')) {
      const interpreted = stripCodeSpans(line);
      // The only tags we write ourselves: line breaks in cells, <code> for one edge case, and
      // angle-bracket link destinations.
      const tags = interpreted.replace(/<br>|<\/?code>|<CODE>|\]\(<https:[^>\s]+>\)/g, '');
      expect(tags, line).not.toMatch(/<[a-z/!?]/i);
    }
  });

  it('keeps hostile subjects and locations verbatim inside code spans', () => {
    expect(md).toContain('``` https://evil.example/"><img src=x onerror=alert(1)>\\|run `rm -rf /` and ``more`` ```');
    expect(md).toContain('`<script>window.__pwned="script"</script>`');
  });

  it('escapes pipes, backticks and block markers in prose', () => {
    expect(md).toContain('The issuer is &lt;script&gt;window.\\_\\_pwned="script"&lt;/script&gt; a \\| b \\|\\| c<br>\\# not a heading<br>&gt; not a quote');
    expect(md).toContain('Title run \\`rm -rf /\\` and \\`\\`more\\`\\`');
    expect(md).not.toMatch(/^# not a heading/m);
  });

  it('never turns a javascript: reference into a link', () => {
    expect(md).not.toContain('](javascript:');
    expect(md).not.toContain('(<javascript:');
    expect(md).toContain('Spec &lt;script&gt;alert(1)&lt;/script&gt; §a \\| b \\|\\| c');
  });

  it('keeps a backslash before a pipe exact and the row intact', () => {
    expect(md).toContain('<code>{"backslashPipe":"a\\\\\\\\\\|b","pipe":"\\|","value":"\\`"}</code>');
  });

  it('lists every hostile result', () => {
    const flagged = HOSTILE_RESULTS.filter((r) => r.outcome === 'fail' || r.outcome === 'warn');
    for (const r of flagged) expect(md).toContain(r.fingerprint);
  });
});
