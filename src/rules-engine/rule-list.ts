import { z } from 'zod';
import type { Rule } from './define.js';

/** Rule metadata as plain data: `ciamscan rules --format json`, and the source of the README table. */
export function ruleListJson(rules: readonly Rule[]): unknown[] {
  return [...rules]
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
    .map((r) => ({
      id: r.meta.id,
      title: r.meta.title,
      severity: r.meta.severity,
      area: r.meta.area,
      process: r.meta.process,
      tier: r.meta.tier,
      rationale: r.meta.rationale,
      remediation: r.meta.remediation,
      references: r.meta.references,
      messages: r.meta.messages,
      options: r.meta.options ? z.toJSONSchema(r.meta.options, { io: 'input' }) : null,
      defaults: r.meta.options ? r.meta.options.parse({}) : null,
    }));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The Markdown rule table; the README embeds exactly this between markers, and a test checks it. */
export function ruleListMarkdown(rules: readonly Rule[]): string {
  const rows = [...rules]
    .sort((a, b) => a.meta.area.localeCompare(b.meta.area) || a.meta.id.localeCompare(b.meta.id))
    .map((r) => {
      const refs = r.meta.references.map((ref) => (ref.section ? `${ref.spec} §${ref.section}` : ref.spec)).join('; ');
      return `| \`${r.meta.id}\` | ${cell(r.meta.title)} | ${r.meta.severity} | ${r.meta.tier} | ${r.meta.process} | ${cell(refs)} |`;
    });
  return ['| Rule | Title | Severity | Tier | Process | References |', '|---|---|---|---|---|---|', ...rows].join('\n') + '\n';
}
