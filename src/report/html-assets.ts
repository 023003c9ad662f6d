/**
 * The stylesheet and the script of the HTML report. They are constants (never built from report data),
 * so their SHA-256 hashes can be pinned in the page's Content-Security-Policy: a script injected by a
 * hostile value would not match the hash and would not run, even if escaping ever failed.
 */

export const REPORT_CSS = `
:root {
  color-scheme: light;
  --ink: #0f172a; --ink-2: #334155; --muted: #64748b; --line: #e2e8f0; --line-2: #cbd5e1;
  --bg: #f1f5f9; --card: #ffffff; --accent: #1d4ed8; --head: #0b1f3a;
  --fail: #b91c1c; --warn: #b45309; --unknown: #6d28d9; --info: #0369a1; --pass: #15803d; --na: #64748b;
  --critical: #7f1d1d; --high: #dc2626; --medium: #ea580c; --low: #ca8a04; --sev-info: #64748b;
  --lvl-1: #93c5fd; --lvl-2: #3b82f6; --lvl-3: #1d4ed8; --lvl-4: #1e3a8a; --lvl-5: #172554;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif;
  font-size: 15px; line-height: 1.5; color: var(--ink); background: var(--bg);
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.88em; }
/* Scanned values (URLs, subjects) can be long without a break opportunity; identifiers stay whole. */
code { overflow-wrap: anywhere; }
code.id { overflow-wrap: normal; white-space: nowrap; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f8fafc; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 6px 0; max-height: 28em; overflow: auto; }
a { color: var(--accent); }
h1, h2, h3, h4 { line-height: 1.25; margin: 0 0 0.5em; }
h2 { font-size: 1.35rem; }
h3 { font-size: 1.05rem; margin-top: 1.2em; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 12px; top: 12px; background: #fff; padding: 6px 10px; z-index: 10; }
.page-header { background: linear-gradient(135deg, var(--head), #1e3a8a); color: #fff; padding: 28px 0 22px; }
.page-header .wrap { display: flex; flex-wrap: wrap; gap: 16px 32px; align-items: flex-end; justify-content: space-between; }
.brand { font-size: 0.8rem; letter-spacing: 0.12em; text-transform: uppercase; opacity: 0.8; margin: 0 0 4px; }
.page-header h1 { font-size: 1.7rem; margin: 0; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 10px 0 0; padding: 0; font-size: 0.88rem; }
.meta div { display: flex; gap: 6px; }
.meta dt { opacity: 0.7; }
.meta dd { margin: 0; }
.page-header .pill { background: rgba(255,255,255,0.14); border: 1px solid rgba(255,255,255,0.35); color: #fff; }
nav.toc { background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 5; }
nav.toc ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0; padding: 10px 0; }
nav.toc a { text-decoration: none; color: var(--ink-2); font-weight: 600; font-size: 0.9rem; }
nav.toc a:hover, nav.toc a:focus { color: var(--accent); }
.wrap { max-width: 1240px; margin: 0 auto; padding: 0 24px; }
main section { margin: 26px 0; scroll-margin-top: 56px; }
main section > .card + .grid, main section > .card + .card { margin-top: 18px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; box-shadow: 0 1px 2px rgba(15,23,42,0.05); }
.grid { display: grid; gap: 18px; }
/* Grid items default to their content's min width; wide tables must scroll inside their card instead. */
.grid > *, .verdict > * { min-width: 0; }
.kpis { grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); margin-bottom: 18px; }
.kpi .label { color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.06em; }
.kpi .value { font-size: 1.8rem; font-weight: 700; line-height: 1.2; }
.kpi .sub { color: var(--ink-2); font-size: 0.88rem; }
.charts { grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); }
.card > h3:first-child, .card > div > h3:first-child { margin-top: 0; }
.table-scroll + .table-scroll, .table-scroll + p, p + .table-scroll { margin-top: 14px; }
.chart-row { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 20px; }
svg.chart { max-width: 100%; height: auto; overflow: visible; }
svg.chart text { font-family: inherit; fill: var(--ink-2); font-size: 12px; }
.gauge-seg { fill: #e2e8f0; stroke: #fff; stroke-width: 1; }
.gauge-seg.on.level-1 { fill: var(--lvl-1); } .gauge-seg.on.level-2 { fill: var(--lvl-2); }
.gauge-seg.on.level-3 { fill: var(--lvl-3); } .gauge-seg.on.level-4 { fill: var(--lvl-4); }
svg.chart .gauge-tick { fill: var(--muted); font-size: 12px; }
.gauge-needle { stroke: var(--ink); stroke-width: 3; stroke-linecap: round; }
.gauge-hub { fill: var(--ink); }
svg.chart .gauge-value { font-size: 24px; font-weight: 700; fill: var(--ink); }
svg.chart .gauge-name { font-size: 15px; font-weight: 600; fill: var(--ink); }
.donut-track { fill: none; stroke: #eef2f7; stroke-width: 24; }
circle.donut-seg { fill: none; stroke-width: 24; }
svg.chart .donut-total { font-size: 30px; font-weight: 700; fill: var(--ink); }
svg.chart .donut-caption { font-size: 12px; fill: var(--muted); }
.outcome-fail { stroke: var(--fail); fill: var(--fail); } .outcome-warn { stroke: var(--warn); fill: var(--warn); }
.outcome-unknown { stroke: var(--unknown); fill: var(--unknown); } .outcome-info { stroke: var(--info); fill: var(--info); }
.outcome-pass { stroke: var(--pass); fill: var(--pass); } .outcome-n-a { stroke: var(--na); fill: var(--na); }
.severity-critical { fill: var(--critical); } .severity-high { fill: var(--high); } .severity-medium { fill: var(--medium); }
.severity-low { fill: var(--low); } .severity-info { fill: var(--sev-info); }
.axis { stroke: var(--line-2); stroke-width: 1; }
.gridline { stroke: var(--line-2); stroke-width: 1; stroke-dasharray: 2 3; }
svg.chart .tick { fill: var(--muted); font-size: 11px; }
svg.chart .bar-label { font-size: 13px; fill: var(--ink); }
svg.chart .bar-value { font-size: 12.5px; font-weight: 600; fill: var(--ink-2); }
.track { fill: #eef2f7; }
.cmm-1 { fill: var(--lvl-1); } .cmm-2 { fill: var(--lvl-2); } .cmm-3 { fill: var(--lvl-3); } .cmm-4 { fill: var(--lvl-4); } .cmm-5 { fill: var(--lvl-5); }
.profiles-bar { fill: var(--accent); }
svg.progress .fill { fill: var(--warn); } svg.progress .fill.full { fill: var(--pass); }
svg.progress.observed .fill, svg.progress.profiles .fill { fill: var(--accent); }
.legend { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; font-size: 0.9rem; }
.legend li { display: flex; align-items: center; gap: 8px; }
.legend .count { margin-left: auto; font-weight: 600; font-variant-numeric: tabular-nums; padding-left: 16px; }
.swatch { width: 12px; height: 12px; border-radius: 3px; display: inline-block; flex: none; }
.swatch.outcome-fail { background: var(--fail); } .swatch.outcome-warn { background: var(--warn); }
.swatch.outcome-unknown { background: var(--unknown); } .swatch.outcome-info { background: var(--info); }
.swatch.outcome-pass { background: var(--pass); } .swatch.outcome-n-a { background: var(--na); }
.pill, .badge { display: inline-flex; align-items: center; gap: 4px; border-radius: 999px; padding: 1px 9px; font-size: 0.78rem; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.badge .glyph { font-size: 0.85em; }
.badge.outcome-fail { background: #fee2e2; color: #991b1b; border-color: #fecaca; }
.badge.outcome-warn { background: #fef3c7; color: #92400e; border-color: #fde68a; }
.badge.outcome-unknown { background: #ede9fe; color: #5b21b6; border-color: #ddd6fe; }
.badge.outcome-info { background: #e0f2fe; color: #075985; border-color: #bae6fd; }
.badge.outcome-pass { background: #dcfce7; color: #166534; border-color: #bbf7d0; }
.badge.outcome-n-a { background: #f1f5f9; color: #475569; border-color: #e2e8f0; }
.badge.sev-critical { background: #7f1d1d; color: #fff; } .badge.sev-high { background: #dc2626; color: #fff; }
.badge.sev-medium { background: #ffedd5; color: #9a3412; border-color: #fed7aa; } .badge.sev-low { background: #fef9c3; color: #854d0e; border-color: #fef08a; }
.badge.sev-info { background: #f1f5f9; color: #475569; border-color: #e2e8f0; }
.badge.neutral { background: #f1f5f9; color: var(--ink-2); border-color: var(--line); }
.badge.ok { background: #dcfce7; color: #166534; } .badge.bad { background: #fee2e2; color: #991b1b; }
.badge.conf-high { background: #dcfce7; color: #166534; } .badge.conf-medium { background: #e0f2fe; color: #075985; }
.badge.conf-low { background: #fef3c7; color: #92400e; } .badge.conf-none { background: #f1f5f9; color: #475569; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; color: var(--ink-2); }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
thead th { background: #f8fafc; color: var(--ink-2); font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.04em; border-bottom: 1px solid var(--line-2); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.table-scroll { overflow-x: auto; }
.verdict { display: grid; grid-template-columns: minmax(260px, 320px) 1fr; gap: 18px 28px; align-items: start; }
.verdict .statement { font-size: 1.02rem; border-left: 4px solid var(--accent); padding: 4px 0 4px 14px; margin: 8px 0 14px; color: var(--ink-2); }
.facts { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; }
.blockers { margin: 0; padding-left: 1.2em; }
.blockers li { margin: 4px 0; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; padding: 0; margin: 0; list-style: none; }
.chips code { background: #f1f5f9; border: 1px solid var(--line); border-radius: 4px; padding: 1px 6px; }
.attest { list-style: none; padding: 0; margin: 0; }
.attest li { padding: 6px 0 6px 28px; position: relative; border-bottom: 1px dashed var(--line); }
.attest li::before { content: ""; position: absolute; left: 4px; top: 10px; width: 12px; height: 12px; border: 2px solid var(--muted); border-radius: 3px; }
.targets { grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); align-items: start; }
.target-head { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
.target-head h3 { margin: 0; font-size: 1.05rem; }
dl.props { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 10px; font-size: 0.9rem; }
dl.props dt { color: var(--muted); }
dl.props dd { margin: 0; min-width: 0; }
.coverage-cell { display: grid; gap: 3px; white-space: nowrap; font-variant-numeric: tabular-nums; }
.coverage-cell svg { width: 120px; }
.errors { border-left: 4px solid var(--fail); background: #fef2f2; padding: 10px 12px; border-radius: 6px; margin-top: 10px; }
.errors h4 { margin: 0 0 6px; color: #991b1b; font-size: 0.95rem; }
.errors ul { margin: 0; padding-left: 1.1em; }
.errors li { margin: 6px 0; }
.muted { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; margin: 0 0 12px; padding: 12px 14px; background: #f8fafc; border: 1px solid var(--line); border-radius: 8px; }
.filters fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.filters legend { float: left; margin-right: 6px; font-size: 0.8rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
.filters button { font: inherit; font-size: 0.82rem; border: 1px solid var(--line-2); background: #fff; border-radius: 999px; padding: 3px 11px; cursor: pointer; color: var(--ink-2); }
.filters button[aria-pressed="true"] { background: var(--ink); color: #fff; border-color: var(--ink); }
.filters label { font-size: 0.85rem; color: var(--ink-2); display: flex; gap: 6px; align-items: center; }
.filters select, .filters input { font: inherit; font-size: 0.85rem; padding: 3px 6px; border: 1px solid var(--line-2); border-radius: 6px; background: #fff; }
.filters select { max-width: 16em; }
.filter-status { margin-left: auto; font-size: 0.85rem; color: var(--muted); }
#findings-table td:nth-child(1), #findings-table td:nth-child(2) { white-space: nowrap; }
/* Subjects are mostly issuer URLs: wide enough that a typical one breaks once, at a slash. */
#findings-table td:nth-child(5) { min-width: 15em; }
#findings-table .rule-id { display: block; font-weight: 600; }
#findings-table .rule-title { color: var(--ink-2); font-size: 0.85rem; }
/* Severity matters for what failed; on a pass it is only the rule's weight, so it is shown muted. */
#findings-table tr.outcome-row-pass .badge[class*="sev-"], #findings-table tr.outcome-row-n-a .badge[class*="sev-"], #findings-table tr.outcome-row-info .badge[class*="sev-"] { background: transparent; color: var(--muted); border-color: var(--line-2); }
#findings-table tr.outcome-row-fail td:first-child { box-shadow: inset 3px 0 0 var(--fail); }
#findings-table tr.outcome-row-warn td:first-child { box-shadow: inset 3px 0 0 var(--warn); }
#findings-table tr.outcome-row-unknown td:first-child { box-shadow: inset 3px 0 0 var(--unknown); }
details > summary { cursor: pointer; }
details.finding > summary { list-style-position: outside; }
details.finding[open] > summary { margin-bottom: 6px; }
/* Values may carry line breaks (messages, statements); show them rather than run lines together. */
.verdict .statement, details.finding > summary, .finding-body p, .errors li { white-space: pre-line; }
.finding-body { border-top: 1px dashed var(--line-2); padding-top: 6px; }
.finding-body h4 { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 10px 0 2px; }
.finding-body p { margin: 2px 0; }
.finding-body ul { margin: 2px 0; padding-left: 1.2em; }
.empty { color: var(--muted); font-style: italic; }
.card > .empty:only-child { margin: 0; }
.section-lead { margin: -4px 0 14px; max-width: 72em; }
main section > .grid + .card, main section > .grid + .grid, main section > .grid + details { margin-top: 18px; }
main section > .card + details { margin-top: 18px; }
.identity-verdict { display: flex; gap: 14px; align-items: flex-start; margin-bottom: 18px; border-left: 6px solid var(--accent); }
.identity-verdict.verdict-siloed { border-left-color: var(--fail); background: #fffafa; }
.identity-verdict.verdict-connected { border-left-color: var(--pass); background: #f6fcf8; }
.identity-verdict p { margin: 0; }
.identity-verdict .verdict-title { font-weight: 700; font-size: 1.15rem; margin-bottom: 2px; }
.verdict-siloed .verdict-title { color: #991b1b; } .verdict-connected .verdict-title { color: #166534; }
.verdict-mark { flex: none; width: 34px; height: 34px; border-radius: 50%; display: inline-flex; align-items: center; justify-content: center; font-weight: 700; font-size: 1.05rem; background: var(--accent); color: #fff; }
.verdict-siloed .verdict-mark { background: var(--fail); } .verdict-connected .verdict-mark { background: var(--pass); }
.kpi-alert { border-color: #fecaca; box-shadow: inset 4px 0 0 var(--fail), 0 1px 2px rgba(15,23,42,0.05); }
.kpi-alert .value { color: var(--fail); }
.overlap-layout { display: grid; grid-template-columns: minmax(0, 620px) minmax(320px, 1fr); gap: 18px 32px; align-items: start; }
.overlap-layout.stacked { grid-template-columns: 1fr; }
.heat-diag { fill: #f8fafc; stroke: var(--line-2); stroke-dasharray: 4 3; }
.heat-pair .heat-cell { stroke: rgba(15,23,42,0.08); }
.heat-0 .heat-cell { fill: #f8fafc; } .heat-1 .heat-cell { fill: #dbeafe; } .heat-2 .heat-cell { fill: #bfdbfe; }
.heat-3 .heat-cell { fill: #93c5fd; } .heat-4 .heat-cell { fill: #3b82f6; } .heat-5 .heat-cell { fill: #1e40af; }
.swatch.heat-0 { background: #f8fafc; border: 1px solid var(--line-2); } .swatch.heat-1 { background: #dbeafe; } .swatch.heat-2 { background: #bfdbfe; }
.swatch.heat-3 { background: #93c5fd; } .swatch.heat-4 { background: #3b82f6; } .swatch.heat-5 { background: #1e40af; }
svg.chart .heat-value { font-size: 18px; font-weight: 700; fill: var(--ink); }
svg.chart .heat-sub { font-size: 11.5px; fill: var(--ink-2); }
svg.chart .heat-note { font-size: 11px; fill: var(--ink-2); }
svg.chart .heat-4 text, svg.chart .heat-5 text { fill: #fff; }
svg.chart .heat-row-label, svg.chart .heat-col-label { font-size: 12.5px; font-weight: 600; fill: var(--ink); }
.silo-outline { fill: none; stroke: var(--fail); stroke-width: 3; }
.silo-tag { fill: #fff; stroke: var(--fail); stroke-width: 1; }
svg.chart .heat-pair .silo-text { font-size: 11px; font-weight: 700; fill: #991b1b; letter-spacing: 0.05em; }
.heat-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin-top: 10px; font-size: 0.82rem; }
.heat-legend .legend-title { width: 100%; color: var(--muted); font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; }
.swatch.silo-swatch { background: #fff; border: 2px solid var(--fail); }
.legend-inline { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 4px 0 8px; }
.seg-explicit { fill: var(--pass); } .seg-match-only { fill: var(--warn); } .seg-unlinked { fill: var(--fail); }
.swatch.seg-explicit { background: var(--pass); } .swatch.seg-match-only { background: var(--warn); } .swatch.seg-unlinked { background: var(--fail); }
svg.chart .seg-value { font-size: 12px; font-weight: 700; fill: #fff; }
svg.chart .stacked-caption { font-size: 12.5px; fill: var(--ink-2); }
svg.chart.stacked { width: 100%; max-width: 540px; }
.identity-kpis { grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); }
svg.chart .stacked-label { font-size: 13px; font-weight: 600; fill: var(--ink); }
.duplicates-bar { fill: var(--medium); }
.series-0 { fill: #1d4ed8; } .series-1 { fill: #0d9488; } .series-2 { fill: #c2410c; } .series-3 { fill: #7c3aed; } .series-4 { fill: #be185d; } .series-5 { fill: #4d7c0f; }
.swatch.series-0 { background: #1d4ed8; } .swatch.series-1 { background: #0d9488; } .swatch.series-2 { background: #c2410c; }
.swatch.series-3 { background: #7c3aed; } .swatch.series-4 { background: #be185d; } .swatch.series-5 { background: #4d7c0f; }
svg.chart .col-value { font-size: 11px; font-weight: 600; fill: var(--ink-2); }
.sub-h { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 16px 0 6px; }
.reach { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
.reach-line { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px 12px; font-size: 0.9rem; margin-bottom: 3px; }
.reach li { max-width: 540px; }
.reach svg.progress { width: 100%; }
svg.progress.reach .fill { fill: var(--accent); }
.identity-two { grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); align-items: start; }
.chip-count { font-size: 0.78rem; font-weight: 600; color: var(--muted); margin-left: 4px; }
.chips.reasons { gap: 4px 6px; }
.chips.reasons li { display: inline-flex; align-items: center; }
.size-chip { display: inline-flex; align-items: center; background: #f1f5f9; border: 1px solid var(--line); border-radius: 4px; padding: 0 6px; font-size: 0.82rem; white-space: nowrap; margin: 1px 0; }
ul.plain { list-style: none; margin: 0; padding: 0; }
ul.members { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
ul.members li { white-space: nowrap; }
ul.members li.wrap { white-space: normal; overflow-wrap: anywhere; }
.size-chip.wrap { white-space: normal; overflow-wrap: anywhere; }
ul.members .example { color: var(--muted); font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.82em; }
code.pseudonym { color: var(--ink-2); }
td.alert { color: #991b1b; font-weight: 600; }
.badge.edge-badge { background: #e0f2fe; color: #075985; border-color: #bae6fd; }
details.resolution > summary { font-size: 0.98rem; }
details.resolution[open] > summary { margin-bottom: 12px; }
.key-warning { border-left: 4px solid var(--fail); background: #fef2f2; padding: 8px 12px; border-radius: 6px; margin: 0 0 12px; }
#clusters-table td:nth-child(3) { min-width: 11em; }
.trio { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 8px 28px; align-items: start; }
.trio .sub-h { margin-top: 4px; }
p.note { font-size: 0.85rem; margin: 6px 0 0; }
.pair-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
.pair { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.pair.pair-silo { border-color: #fca5a5; background: #fef2f2; box-shadow: inset 4px 0 0 var(--fail); }
.pair.pair-joined { box-shadow: inset 4px 0 0 var(--info); }
.pair-head { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; justify-content: space-between; }
.pair-nums { margin: 4px 0 0; }
.pair-how { margin: 4px 0 0; font-size: 0.86rem; color: var(--ink-2); }
footer { color: var(--muted); font-size: 0.82rem; padding: 10px 0 40px; }
@media (max-width: 760px) {
  .verdict { grid-template-columns: 1fr; }
  .targets { grid-template-columns: 1fr; }
  .overlap-layout, .identity-two { grid-template-columns: 1fr; }
}
@media print {
  :root { background: #fff; font-size: 11px; }
  nav.toc, .filters, .skip { display: none !important; }
  .page-header { background: none; color: var(--ink); border-bottom: 2px solid var(--ink); padding: 0 0 10px; }
  .page-header .pill { color: var(--ink); border-color: var(--ink); }
  .card { box-shadow: none; break-inside: avoid; }
  .kpis { grid-template-columns: repeat(4, 1fr); }
  .charts { grid-template-columns: repeat(3, 1fr); }
  .targets { grid-template-columns: 1fr; }
  .identity-two { grid-template-columns: 1fr 1fr; }
  section { break-inside: auto; }
  tr { break-inside: avoid; }
  pre { max-height: none; overflow: visible; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.85em; color: var(--muted); }
  .badge, .swatch, svg.chart, .identity-verdict, .pair-silo { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  @page { margin: 14mm; }
}
`;

/**
 * Progressive enhancement only: without it every finding and every cluster is visible and the filter
 * bars stay hidden. It reads the data-* attributes of the rows (escaped values, or indices the renderer
 * wrote, never evaluated) and toggles `hidden`.
 * Before printing it opens every <details> so the paper copy shows the evidence.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  function findings() {
    var bar = document.getElementById('filters');
    var table = document.getElementById('findings-table');
    if (!bar || !table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (r) { return r.hasAttribute('data-outcome'); });
    var empty = document.getElementById('filters-empty');
    var status = document.getElementById('filter-status');
    var severity = document.getElementById('filter-severity');
    var target = document.getElementById('filter-target');
    var search = document.getElementById('filter-text');
    var outcomeButtons = Array.prototype.slice.call(bar.querySelectorAll('button[data-filter-outcome]'));
    var state = { outcome: '' };
    function apply() {
      var q = search.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!state.outcome || row.getAttribute('data-outcome') === state.outcome) &&
          (!severity.value || row.getAttribute('data-severity') === severity.value) &&
          (!target.value || row.getAttribute('data-target') === target.value) &&
          (!q || row.textContent.toLowerCase().indexOf(q) !== -1);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (empty) empty.hidden = shown !== 0 || rows.length === 0;
      status.textContent = 'Showing ' + shown + ' of ' + rows.length + ' findings';
    }
    outcomeButtons.forEach(function (button) {
      button.addEventListener('click', function () {
        state.outcome = button.getAttribute('data-filter-outcome') || '';
        outcomeButtons.forEach(function (b) { b.setAttribute('aria-pressed', b === button ? 'true' : 'false'); });
        apply();
      });
    });
    severity.addEventListener('change', apply);
    target.addEventListener('change', apply);
    search.addEventListener('input', apply);
    bar.hidden = false;
    apply();
  }
  function clusters() {
    var bar = document.getElementById('cluster-filters');
    var table = document.getElementById('clusters-table');
    if (!bar || !table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).filter(function (r) { return r.hasAttribute('data-cluster-targets'); });
    var empty = document.getElementById('clusters-empty');
    var status = document.getElementById('cluster-status');
    var target = document.getElementById('cluster-target');
    var span = document.getElementById('cluster-span');
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var targets = (row.getAttribute('data-cluster-targets') || '').split(' ');
        var ok = (!target.value || targets.indexOf(target.value) !== -1) &&
          (!span.value || row.getAttribute('data-span') === span.value);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (empty) empty.hidden = shown !== 0;
      status.textContent = 'Showing ' + shown + ' of ' + rows.length + ' clusters';
    }
    target.addEventListener('change', apply);
    span.addEventListener('change', apply);
    bar.hidden = false;
    apply();
  }
  findings();
  clusters();
  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.prototype.slice.call(document.querySelectorAll('details:not([open])'));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
`;
