import { formatSeconds } from '../../src/format/duration.js';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/model/report.js';
import { formatCount, formatShare } from '../../src/report/identity-view.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { emptyReport } from '../fixtures-report/empty.js';
import { BACKTICKS, HOSTILE_CRM, HOSTILE_RESULTS, HOSTILE_TARGET, PIPE, hostileReport } from '../fixtures-report/hostile.js';
import { identityScanReport } from '../fixtures-report/identity-scan.js';
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
      '## Identity',
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
    for (const report of [oidcScanReport, hostileReport, emptyReport, identityScanReport]) {
      for (const table of tables(renderMarkdown(report))) {
        const width = cellCount(table[0]!);
        for (const row of table) expect(cellCount(row), row).toBe(width);
      }
    }
  });

  it('says in one line why the identity graph was not built', () => {
    const section = md.slice(md.indexOf('\n## Identity\n'), md.indexOf('\n## Targets\n'));
    expect(section.trim()).toBe('## Identity\n\nIdentity graph not built: no identity store or CRM profiles were read.');
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

/** The lines of one `### heading` (or `#### heading`) block of the identity section, up to the next heading. */
function block(md: string, heading: string): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf(heading);
  expect(start, heading).toBeGreaterThan(-1);
  const end = lines.findIndex((l, i) => i > start && /^#{2,4} /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

function identitySection(md: string): string {
  return md.slice(md.indexOf('\n## Identity\n'), md.indexOf('\n## Targets\n'));
}

describe('renderMarkdown: the identity section', () => {
  const report = identityScanReport;
  const id = report.identity;
  const md = renderMarkdown(report);
  const section = identitySection(md);
  const ids = [...id.profilesPerTarget.map((p) => p.targetId)].sort();
  const silos = id.overlaps.filter((o) => o.shared > 0 && (o.edges ?? []).length === 0);

  it('has its sub-sections in order, right after the maturity verdict', () => {
    expect(md.indexOf('\n## Maturity\n')).toBeLessThan(md.indexOf('\n## Identity\n'));
    expect(md.indexOf('\n## Identity\n')).toBeLessThan(md.indexOf('\n## Targets\n'));
    const headings = [
      '### Systems analysed',
      '### Duplicates within a system',
      '### Overlap between systems',
      '#### What joins the systems',
      '### CRM link rates',
      '### Lifecycle drift',
      '### Marketing consent',
      '### Sync freshness (contacts linked by a stored key)',
      '### Email collisions',
      '### Profile completeness by account age',
      `### Largest clusters (20 of ${formatCount(id.clusterCount)})`,
      '### Resolution',
    ];
    let last = -1;
    for (const h of headings) {
      const at = section.indexOf(`\n${h}\n`);
      expect(at, h).toBeGreaterThan(last);
      last = at;
    }
  });

  it('leads with the verdict: the fixture has one silo among three overlapping pairs', () => {
    expect(silos).toHaveLength(1);
    expect(section).toContain('**Siloed:** 1 of 3 pairs of systems that share customers has nothing joining them');
    expect(section).toContain(`**${formatCount(id.profilesPerTarget.reduce((s, p) => s + p.profiles, 0))}** profiles in 3 systems`);
    expect(section).toContain('**1** silo');
  });

  it('lists profiles and people per system', () => {
    const rows = block(md, '### Systems analysed').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(3);
    for (const t of id.targets ?? []) {
      expect(rows).toContain(
        `| \`${t.targetId}\` | ${t.kind === 'crm' ? 'CRM' : 'identity store'} | ${formatCount(t.profiles)} | ${formatCount(t.people)} | ${formatCount(t.withoutIdentifiers)} |`,
      );
    }
  });

  it('shows duplicates per system with share, clusters, size histogram and top reasons', () => {
    const rows = block(md, '### Duplicates within a system');
    for (const d of id.duplicates ?? []) {
      const row = rows.find((l) => l.startsWith(`| \`${d.targetId}\` |`));
      expect(row, d.targetId).toBeDefined();
      const sizes = ['2', '3', '4-9', '10+'].filter((k) => d.sizes[k] !== undefined).map((k) => `${k}: ${d.sizes[k]}`).join(' · ');
      expect(row).toContain(`| ${formatShare(d.share)} | ${d.clusters} | ${d.profilesInClusters} | ${sizes} |`);
      expect(row).toContain(`\`${d.topReasons[0]!.reason}\` ${d.topReasons[0]!.count}`);
    }
  });

  it('draws the overlap matrix with every system as row and column and marks the silo', () => {
    const matrix = block(md, '### Overlap between systems').filter((l) => l.startsWith('|'));
    expect(matrix[0]).toBe(`| People shared | ${ids.map((t) => `\`${t}\``).join(' | ')} |`);
    expect(matrix).toHaveLength(2 + ids.length);
    for (const o of id.overlaps) {
      const cell = `${formatCount(o.shared)} (${formatShare(o.shareOfSmaller)})`;
      const silo = (o.edges ?? []).length === 0 && o.shared > 0;
      const expected = silo ? `**${cell} ⚠ silo**` : cell;
      // Symmetric: the pair appears in both rows.
      const rowA = matrix.find((l) => l.startsWith(`| **\`${o.targetA}\`** |`))!;
      const rowB = matrix.find((l) => l.startsWith(`| **\`${o.targetB}\`** |`))!;
      expect(rowA.split(' | ')[1 + ids.indexOf(o.targetB)]!.replace(/ \|$/, '')).toBe(expected);
      expect(rowB.split(' | ')[1 + ids.indexOf(o.targetA)]!.replace(/ \|$/, '')).toBe(expected);
    }
    expect(matrix.join('\n').match(/⚠ silo/g)).toHaveLength(2 * silos.length);
  });

  it('names what joins each pair, and nothing for the silo', () => {
    const rows = block(md, '#### What joins the systems');
    const joined = id.overlaps.find((o) => (o.edges ?? []).some((e) => e.kind === 'external-id'))!;
    const edge = joined.edges!.find((e) => e.kind === 'external-id')!;
    expect(rows).toContain(
      `| \`${joined.targetA}\` ↔ \`${joined.targetB}\` | ${formatCount(joined.shared)} | ${formatShare(joined.shareOfSmaller)} | external id | \`${edge.from}\`: ${edge.detail.replace(/_/g, '\\_')} |`,
    );
    const silo = silos[0]!;
    expect(rows).toContain(`| \`${silo.targetA}\` ↔ \`${silo.targetB}\` | ${formatCount(silo.shared)} | ${formatShare(silo.shareOfSmaller)} | **⚠ silo: nothing** | — |`);
  });

  it('gives CRM link rates as explicit / match-only / unlinked with the identities reaching the CRM', () => {
    const r = id.linkRates[0]!;
    const pct = (n: number) => formatShare(n / r.customerContacts);
    expect(r.linkedExplicit + r.linkedMatchOnly + r.unlinked).toBe(r.customerContacts);
    expect(block(md, '### CRM link rates')).toContain(
      `| \`${r.crmTargetId}\` | ${formatCount(r.customerContacts)} | ${r.linkedExplicit} (${pct(r.linkedExplicit)}) | ${r.linkedMatchOnly} (${pct(r.linkedMatchOnly)}) | ${r.unlinked} (${pct(
        r.unlinked,
      )}) | ${r.identitiesInCrm} of ${r.identities} (${formatShare(r.identitiesInCrm / r.identities)}) |`,
    );
  });

  it('reports lifecycle drift, consent disagreement and email collisions', () => {
    const d = id.lifecycleDrift![0]!;
    expect(d.danglingKeys).toBe(7);
    expect(block(md, '### Lifecycle drift')).toContain(
      `| \`${d.crmTargetId}\` | ${d.linkedPairs} | ${d.disabledButActive} (${formatShare(d.disabledButActive / d.linkedPairs)}) | ${d.danglingKeys} |`,
    );
    const c = id.consent![0]!;
    expect(c.disagree).toBeGreaterThan(0);
    expect(block(md, '### Marketing consent')).toContain(`| \`${c.crmTargetId}\` | ${c.linkedPairs} | ${c.bothKnown} | ${c.disagree} (${formatShare(c.disagree / c.bothKnown)}) |`);
    const f = id.freshness![0]!;
    expect(f.pairs).toBeGreaterThan(0);
    expect(block(md, '### Sync freshness (contacts linked by a stored key)')).toContain(
      `| \`${f.crmTargetId}\` | ${f.pairs} | ${f.agree} (${formatShare(f.agree / f.pairs)}) | ${f.disagreeBy.email} | ${f.disagreeBy.family} | ${f.disagreeBy.consent} | ${f.stale} | ${f.p95LagSeconds === undefined ? '—' : formatSeconds(f.p95LagSeconds)} |`,
    );
    const collisions = block(md, '### Email collisions');
    expect(id.emailCollisions!.length).toBeGreaterThan(0);
    for (const e of id.emailCollisions!) expect(collisions).toContain(`| \`${e.verifiedIn}\` | \`${e.unverifiedIn}\` | ${e.count} |`);
  });

  it('shows the completeness curve per identity store in age order', () => {
    const rows = block(md, '### Profile completeness by account age').filter((l) => l.startsWith('|'));
    expect(rows[0]).toBe('| System | &lt;1y | 1-2y | 2-5y | 5y+ |');
    for (const c of id.completeness!) {
      const row = rows.find((l) => l.startsWith(`| \`${c.targetId}\` |`))!;
      expect(row).toBe(`| \`${c.targetId}\` | ${c.buckets.map((b) => `${b.meanFilled.toFixed(2)} (${b.profiles})`).join(' | ')} |`);
    }
  });

  it('lists the 20 largest clusters with targetId:pseudonym members, masked examples and reasons, and says how many more there are', () => {
    expect(id.clusters).toHaveLength(30);
    const lines = block(md, `### Largest clusters (20 of ${formatCount(id.clusterCount)})`);
    const rows = lines.filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(20);
    // The view's order: largest first, then by fingerprint (whatever order report.json holds).
    const viewOrder = [...id.clusters].sort((a, b) => b.size - a.size || (a.fingerprint < b.fingerprint ? -1 : 1));
    const first = viewOrder[0]!;
    const row = rows[0]!;
    expect(row.startsWith(`| \`${first.fingerprint}\` | ${first.size} | `)).toBe(true);
    for (const m of first.members) expect(row).toContain(`\`${m.targetId}:${m.pseudonym}\``);
    expect(row).toMatch(/`[a-z0-9]\*\*\*@[a-z0-9]\*\*\*\.[a-z]+`/);
    expect(row).toContain(`\`${first.reasons[0]!.reason}\` ${first.reasons[0]!.count}`);
    expect(lines).toContain(`10 more in report.json; report.json lists the 30 largest of ${formatCount(id.clusterCount)} (identity.maxClusters).`);
    // No cluster beyond the 20th is in the Markdown.
    for (const c of viewOrder.slice(20)) expect(md).not.toContain(c.fingerprint);
  });

  it('summarises the resolution: model, threshold, pairs, blocking and a configured key', () => {
    const lines = block(md, '### Resolution');
    const r = id.resolution!;
    expect(lines.join('\n')).toContain(`- Model: Fellegi–Sunter, λ = ${Number(r.model.lambda.toPrecision(3))}, EM ${r.model.emIterations} iterations, converged; match threshold 0.95.`);
    expect(lines.join('\n')).toContain(`- Pairs: ${formatCount(r.candidatePairs)} candidates, ${formatCount(r.acceptedPairs)} accepted, ${formatCount(r.explicitLinks)} explicit links`);
    expect(lines).toContain('- Pseudonym key: configured (`CIAMSCAN_PSEUDONYM_KEY`): pseudonyms and cluster fingerprints are stable across scans.');
    expect(lines.join('\n')).not.toContain('Warning');
    const blocking = lines.filter((l) => l.startsWith('| `'));
    expect(blocking).toHaveLength(r.blocking.length);
    // Most candidate pairs first.
    const pairs = blocking.map((l) => Number(l.split(' | ')[1]!.replace(/,/g, '')));
    expect(pairs).toEqual([...pairs].sort((a, b) => b - a));
  });

  it('warns when the pseudonym key was random for the run', () => {
    const perRun: ScanReport = structuredClone(report);
    perRun.identity.resolution!.pseudonymKey = 'per-run';
    expect(renderMarkdown(perRun)).toContain('> **Warning:** the pseudonym key was random for this run: pseudonyms and cluster fingerprints cannot be compared with any other scan.');
  });

  it('never prints a customer email address, only the masked examples', () => {
    expect(section.match(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi) ?? []).toEqual([]);
  });
});

describe('renderMarkdown: hostile identity values', () => {
  const md = renderMarkdown(hostileReport);
  const section = identitySection(md);

  it('keeps hostile target ids, reasons, pseudonyms and examples in code spans, pipes escaped', () => {
    expect(section).toContain('| `evilx" onmouseover="window.__pwned=\'attr\'" data-x="` | identity store | 12 | 9 | 1 |');
    expect(section).toContain('``` crm a \\| b \\|\\| c run `rm -rf /` and ``more`` ```');
    expect(section).toContain('`email:<script>alert(1)</script>` 3');
    expect(section).toContain('`` j***@\'"><img src=x onerror="window.__pwned=\'img\'">\\|`x` ``');
    expect(section).toContain("`evilx\" onmouseover=\"window.__pwned='attr'\" data-x=\":<script>window.__pwned=\"script\"</script>`");
    expect(section).toContain('| `rule <script>alert(1)</script>` | 30 | 5 | 1 | 5,000 |');
    expect(HOSTILE_TARGET).toContain('"');
    expect(HOSTILE_CRM).toContain(PIPE);
    expect(HOSTILE_CRM).toContain(BACKTICKS);
  });

  it('escapes hostile prose: edge details, size buckets, ages and the model reason', () => {
    expect(section).toContain('4 records hold &lt;script&gt;window.\\_\\_pwned="script"&lt;/script&gt; in a \\| b \\|\\| c');
    expect(section).toContain('size &lt;script&gt;alert(1)&lt;/script&gt;: 1');
    expect(section).toContain("age '\"&gt;&lt;img src=x onerror=\"window.\\_\\_pwned='img'\"&gt;");
    expect(section).toContain('**fallback parameters** (EM &lt;script&gt;window.\\_\\_pwned="script"&lt;/script&gt; a \\| b \\|\\| c)');
  });

  it('warns about the per-run pseudonym key and marks the silo between the hostile stores', () => {
    expect(section).toContain('> **Warning:** the pseudonym key was random for this run');
    expect(section).toContain('| `evilx" onmouseover="window.__pwned=\'attr\'" data-x="` ↔ `plain-target` | 2 | 67 % | **⚠ silo: nothing** | — |');
  });
});
