/**
 * Parse-level checks of the HTML page. Every `<` a value brings is escaped, so every `<` left in
 * the output starts a tag we wrote: scanning tags with a regular expression is exact here.
 *
 * Policy checked below: nothing is ever loaded (no src, no <link>, no external style or script); the
 * only `href`s are in-page anchors and links to specifications (absolute https URLs from rule
 * references, shown as `<a>`; following one is the reader's navigation, not a resource load).
 * Scanned URLs are text only.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { REPORT_CSS, REPORT_SCRIPT } from '../../src/report/html-assets.js';
import { emptyReport } from '../fixtures-report/empty.js';
import { HOSTILE_STRINGS, hostileReport } from '../fixtures-report/hostile.js';
import { identityScanReport } from '../fixtures-report/identity-scan.js';
import { oidcScanReport } from '../fixtures-report/oidc-scan.js';
import { formatCount, formatShare } from '../../src/report/identity-view.js';

interface Tag {
  name: string;
  attrs: Array<{ name: string; value: string }>;
  raw: string;
}

/** The tags of the page outside <style> and <script> (whose bodies are our constants). */
function tags(html: string): Tag[] {
  const body = html.replace(/(<style>)[\s\S]*?(<\/style>)/g, '$1$2').replace(/(<script>)[\s\S]*?(<\/script>)/g, '$1$2');
  const out: Tag[] = [];
  for (const m of body.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs = Array.from(m[2]!.matchAll(/\s+([^\s=>/]+)(?:="([^"]*)")?/g), (a) => ({ name: a[1]!.toLowerCase(), value: a[2] ?? '' }));
    out.push({ name: m[1]!.toLowerCase(), attrs, raw: m[0] });
  }
  return out;
}

/** Every `<` that opens something must be a tag the scanner recognised; otherwise it was unescaped data. */
function unrecognisedOpenings(html: string): string[] {
  const body = html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<script>[\s\S]*?<\/script>/g, '');
  const stripped = body.replace(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g, '').replace(/<\/[a-zA-Z][a-zA-Z0-9-]*>/g, '').replace(/<!doctype html>/i, '');
  return stripped.match(/<[^\s][^\n]{0,40}/g) ?? [];
}

const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'a', 'header', 'nav', 'main', 'footer', 'section', 'article', 'div', 'span', 'p',
  'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'pre',
  'strong', 'time', 'details', 'summary', 'button', 'label', 'select', 'option', 'input', 'fieldset', 'legend', 'script',
  'wbr', 'svg', 'g', 'path', 'line', 'circle', 'rect', 'text', 'title',
]);

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

describe('renderHtml (static checks)', () => {
  const pages = {
    oidc: renderHtml(oidcScanReport),
    hostile: renderHtml(hostileReport),
    empty: renderHtml(emptyReport),
    identity: renderHtml(identityScanReport),
  };

  it.each(Object.entries(pages))('%s: loads nothing and uses only known elements', (_name, html) => {
    const all = tags(html);
    expect(all.length).toBeGreaterThan(50);
    for (const tag of all) {
      expect(ALLOWED_TAGS.has(tag.name), tag.raw).toBe(true);
      for (const attr of tag.attrs) {
        expect(attr.name, tag.raw).not.toMatch(/^on/);
        expect(['src', 'srcset', 'style', 'action', 'formaction', 'background', 'poster', 'data', 'xlink:href'], tag.raw).not.toContain(attr.name);
        if (attr.name === 'href') expect(attr.value, tag.raw).toMatch(/^(#[a-z-]+|https:\/\/[^\s"'<>`]+)$/);
      }
    }
    // No resource loads in link/script/img (there are none of the first and last at all).
    expect(all.filter((t) => t.name === 'link' || t.name === 'img' || t.name === 'iframe')).toEqual([]);
    expect(all.filter((t) => t.name === 'script')).toHaveLength(1);
    expect(all.filter((t) => t.name === 'style')).toHaveLength(1);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(unrecognisedOpenings(html)).toEqual([]);
  });

  it('pins its style and script in a strict Content-Security-Policy', () => {
    const html = pages.oidc;
    const attr = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(attr).toBeDefined();
    const csp = attr!.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const directives = csp.split(';').map((d) => d.trim());
    expect(directives).toContain("default-src 'none'");
    expect(directives).toContain(`style-src 'sha256-${sha256(REPORT_CSS)}'`);
    expect(directives).toContain(`script-src 'sha256-${sha256(REPORT_SCRIPT)}'`);
    expect(directives).toContain("base-uri 'none'");
    expect(directives).toContain("form-action 'none'");
    expect(csp).not.toContain('unsafe');
    // The hashed bodies are exactly the constants.
    expect(html).toContain(`<style>${REPORT_CSS}</style>`);
    expect(html).toContain(`<script>${REPORT_SCRIPT}</script>`);
    // The policy comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('escapes every hostile string', () => {
    const html = pages.hostile;
    // Pipes and backticks are harmless in HTML and shown as they are; markup never is.
    for (const s of HOSTILE_STRINGS.filter((x) => /[<>"]/.test(x))) expect(html).not.toContain(s);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('data-target="evilx&quot; onmouseover=&quot;window.__pwned=&#39;attr&#39;&quot; data-x=&quot;"');
    // The javascript: reference and the reference whose URL breaks out of quotes are text, not links.
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).toContain('<li>Spec &lt;script&gt;alert(1)&lt;/script&gt; §a | b || c</li>');
    expect(html).toContain('<li>RFC 9700</li>');
  });

  it('links only to specification URLs, and the page from the safe fixture has them', () => {
    const hrefs = tags(pages.oidc).flatMap((t) => t.attrs.filter((a) => a.name === 'href').map((a) => a.value));
    expect(hrefs).toContain('https://www.rfc-editor.org/rfc/rfc7636#section-4.2');
    expect(hrefs.filter((h) => h.startsWith('https://')).every((h) => h.startsWith('https://www.rfc-editor.org/') || h.startsWith('https://openid.net/'))).toBe(true);
    // Scanned URLs (locations, subjects) never become links.
    expect(hrefs.some((h) => h.includes('login.example.com') || h.includes('partner.example'))).toBe(false);
  });

  it('has the content sections, accessible charts and filter hooks', () => {
    const html = pages.oidc;
    for (const id of ['summary', 'maturity', 'identity', 'targets', 'findings']) {
      expect(html).toContain(`<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">`);
    }
    expect(html).toContain('aria-label="Maturity gauge: level 1 of 4, Managed identity, confidence medium"');
    expect(html).toContain('aria-label="Failures by severity: 1 critical, 1 high, 1 medium, 1 low, 0 info"');
    expect(html).toMatch(/aria-label="Outcomes of 17 results: 4 fail, 1 warn, 4 unknown, 1 info, 6 pass, 1 n\/a"/);
    expect(html).toContain('aria-label="Maturity per process on the CMM scale 1 to 5: registration level 1, provisioning level 0');
    expect(html.match(/<tr class="outcome-row-[a-z-]+" data-outcome=/g)).toHaveLength(oidcScanReport.results.length);
    expect(html).toContain('<div id="filters" class="filters" role="search" aria-label="Filter findings" hidden>');
    expect(html.match(/<details class="finding">/g)).toHaveLength(oidcScanReport.results.length);
    expect(html).toContain('<th scope="col">Outcome</th>');
  });

  it('renders an empty scan without a findings table', () => {
    const html = pages.empty;
    expect(html).toContain('No results: no rule was evaluated.');
    expect(html).toContain('No targets were scanned.');
    expect(html).not.toContain('id="findings-table"');
    expect(html).toContain('data-level="0"');
  });
});

/** The identity section of a page. */
function identitySection(html: string): string {
  const start = html.indexOf('<section id="identity"');
  return html.slice(start, html.indexOf('</section>', start) + '</section>'.length);
}

describe('renderHtml: the identity section (static checks)', () => {
  const html = renderHtml(identityScanReport);
  const section = identitySection(html);
  const id = identityScanReport.identity;
  const silos = id.overlaps.filter((o) => o.shared > 0 && (o.edges ?? []).length === 0);

  it('is in the section menu, between maturity and targets, and on the page in that order', () => {
    const nav = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)![0];
    expect(nav.match(/href="#[a-z]+"/g)).toEqual(['href="#summary"', 'href="#maturity"', 'href="#identity"', 'href="#targets"', 'href="#findings"']);
    expect(html.indexOf('<section id="maturity"')).toBeLessThan(html.indexOf('<section id="identity"'));
    expect(html.indexOf('<section id="identity"')).toBeLessThan(html.indexOf('<section id="targets"'));
  });

  it('leads with the verdict and four tiles: people, profiles, duplicate share, silos', () => {
    expect(section).toContain('<div class="card identity-verdict verdict-siloed" role="note">');
    expect(section).toContain('<p class="verdict-title">Siloed</p>');
    const labels = [...section.matchAll(/<div class="card kpi[^"]*"><div class="label">([^<]+)<\/div><div class="value">([^<]+)<\/div>/g)].map((m) => [m[1], m[2]]);
    const profiles = id.profilesPerTarget.reduce((s, p) => s + p.profiles, 0);
    const dupProfiles = id.duplicates!.reduce((s, d) => s + d.profilesInClusters, 0);
    expect(labels).toEqual([
      ['People', formatCount(id.people!)],
      ['Profiles', formatCount(profiles)],
      ['Duplicate share', formatShare(dupProfiles / profiles)],
      ['Silos', String(silos.length)],
    ]);
    expect(section).toContain('<div class="card kpi kpi-alert"><div class="label">Silos</div>');
  });

  it('shows the graph\'s exact count of distinct people, within the bounds the pairs allow', () => {
    const people = id.targets!.map((t) => t.people);
    const s1 = people.reduce((a, b) => a + b, 0);
    const shared = id.overlaps.map((o) => o.shared).sort((a, b) => b - a);
    const low = s1 - shared.reduce((a, b) => a + b, 0);
    const high = s1 - shared[0]! - shared[1]!;
    expect(id.people).toBeGreaterThanOrEqual(low);
    expect(id.people).toBeLessThanOrEqual(high);
    expect(section).toContain(`<div class="label">People</div><div class="value">${formatCount(id.people!)}</div>`);
  });

  it('bounds the number of distinct people between Bonferroni and the spanning-tree bound for reports without a count', () => {
    const { people: _omitted, ...older } = id;
    const html = renderHtml({ ...identityScanReport, identity: older });
    const people = id.targets!.map((t) => t.people);
    const s1 = people.reduce((a, b) => a + b, 0);
    const shared = id.overlaps.map((o) => o.shared).sort((a, b) => b - a);
    const low = s1 - shared.reduce((a, b) => a + b, 0);
    const high = s1 - shared[0]! - shared[1]!;
    expect(html).toContain(`<div class="value">${formatCount(low)}–${formatCount(high)}</div>`);
  });

  it('draws the heatmap: one diagonal cell per system, one cell per pair, the silo outlined and tagged', () => {
    const svg = /<svg class="chart heatmap"[\s\S]*?<\/svg>/.exec(section)![0];
    expect(svg).toMatch(/^<svg class="chart heatmap" viewBox="[^"]+" width="\d+" height="\d+" role="group" aria-label="Overlap heatmap of 3 systems, coloured by the share of the smaller system&#39;s people: /);
    expect(svg.match(/<g class="heat-system" role="img"/g)).toHaveLength(3);
    expect(svg.match(/<g class="heat-pair /g)).toHaveLength(3);
    expect(svg.match(/<g class="heat-pair heat-\d silo"/g)).toHaveLength(silos.length);
    expect(svg.match(/<rect class="silo-outline"/g)).toHaveLength(silos.length);
    expect(svg.match(/>⚠ SILO<\/text>/g)).toHaveLength(silos.length);
    for (const o of id.overlaps) {
      expect(svg).toContain(`data-a="${o.targetA}" data-b="${o.targetB}" data-shared="${o.shared}" data-share="${o.shareOfSmaller}"`);
    }
  });

  it('draws link-rate bars with the numbers as text and data', () => {
    const r = id.linkRates[0]!;
    const svg = /<svg class="chart stacked link-rates"[\s\S]*?<\/svg>/.exec(section)![0];
    expect(svg).toContain(`data-key="explicit" data-value="${r.linkedExplicit}"`);
    expect(svg).toContain(`data-key="match-only" data-value="${r.linkedMatchOnly}"`);
    expect(svg).toContain(`data-key="unlinked" data-value="${r.unlinked}"`);
    expect(svg).toContain(`${r.linkedExplicit} explicit key (${formatShare(r.linkedExplicit / r.customerContacts)})`);
    expect(section).toContain(`<strong>${r.identitiesInCrm}</strong> of ${r.identities} active identities`);
  });

  it('draws duplicates per system and the completeness columns', () => {
    expect(section.match(/<rect class="bar duplicates-bar" data-key="[^"]+" data-value="[^"]+"/g)).toHaveLength(id.duplicates!.length);
    const bars = section.match(/<rect class="bar series-\d" data-key="[^"]+" data-group="[^"]+" data-value="[^"]+"/g) ?? [];
    expect(bars).toHaveLength(id.completeness!.reduce((s, c) => s + c.buckets.length, 0));
  });

  it('lists every listed cluster in a table that reads without script, with a hidden filter bar', () => {
    expect(section.match(/<tr data-cluster-targets="[\d ]+" data-span="(multi|single)">/g)).toHaveLength(id.clusters.length);
    expect(section).toContain('<div id="cluster-filters" class="filters" role="search" aria-label="Filter clusters" hidden>');
    expect(section).toContain('<option value="0">customer-idp</option><option value="1">legacy-shop</option><option value="2">sales-crm</option>');
    expect(section).toContain('<tr id="clusters-empty" hidden>');
  });

  it('puts the resolution details in a closed <details> with the blocking rules', () => {
    const details = /<details class="card resolution" id="identity-resolution">[\s\S]*?<\/details>/.exec(section)![0];
    expect(details).toContain('<summary><strong>How people were matched</strong>');
    expect(details).toContain('<span class="badge ok">configured</span>');
    expect(details).not.toContain('key-warning');
    expect(details.match(/<tr><td><code class="id">/g)).toHaveLength(id.resolution!.blocking.length);
  });

  it('says in one line why the graph was not built', () => {
    expect(identitySection(renderHtml(oidcScanReport))).toBe(
      '<section id="identity" aria-labelledby="identity-h"><h2 id="identity-h">Identity</h2><div class="card"><p class="empty">Identity graph not built: no identity store or CRM profiles were read.</p></div></section>',
    );
  });

  it('escapes hostile identity values and warns about a per-run key', () => {
    const hostile = identitySection(renderHtml(hostileReport));
    expect(hostile).toContain('<code>email:&lt;script&gt;alert(1)&lt;/script&gt;</code>');
    expect(hostile).toContain('j***@&#39;&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=&#39;img&#39;&quot;&gt;|`x`');
    expect(hostile).toContain('data-a="crm a | b || c run `rm -rf /` and ``more``" data-b="evilx&quot; onmouseover=&quot;window.__pwned=&#39;attr&#39;&quot; data-x=&quot;"');
    expect(hostile).toContain('<p class="key-warning" role="note">');
    expect(hostile).toContain('<span class="badge bad">⚠ per-run pseudonym key</span>');
    // The analysis the renderer does not know is still shown, as escaped text.
    expect(hostile).toContain('<h3>futureAnalysis (1)</h3>');
    expect(hostile).toContain('<th scope="col">column &lt;svg onload=&quot;window.__pwned=&#39;svg&#39;&quot;&gt;&lt;/svg&gt;</th>');
  });
});
