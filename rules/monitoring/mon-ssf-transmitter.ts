import { defineRule, notObserved } from '../../src/rules-engine/define.js';
import type { JsonDocument } from '../../src/model/observation.js';
import { authorizationServers } from '../../src/inventory.js';
import { list } from '../../src/rules-engine/subjects.js';

const URL_MEMBERS = ['jwks_uri', 'configuration_endpoint', 'status_endpoint', 'add_subject_endpoint', 'remove_subject_endpoint', 'verification_endpoint'];
/** Transport failures: the document's existence is not known. */
const UNANSWERED = new Set(['CONNECT_TIMEOUT', 'TIMEOUT', 'DNS', 'CONNECTION_REFUSED', 'NETWORK', 'ABORTED', 'BUDGET_EXHAUSTED', 'RATE_LIMITED']);

function present(doc: JsonDocument | undefined): doc is JsonDocument & { json: Record<string, unknown> } {
  return doc !== undefined && doc.status === 200 && doc.json !== undefined;
}

export default defineRule({
  meta: {
    id: 'MON-SSF-TRANSMITTER',
    title: 'A Shared Signals transmitter is published',
    severity: 'info',
    area: 'monitoring',
    process: 'monitoring',
    tier: 'T0',
    messages: {
      published: 'A {{kind}} transmitter is published (spec version {{version}}; delivery: {{delivery}}).',
      noDelivery: 'A {{kind}} transmitter is published but lists no delivery method.',
      broken: 'The {{kind}} transmitter metadata is unsafe: {{problems}}.',
      absent: 'No Shared Signals (SSF) or RISC transmitter metadata is published.',
    },
    rationale:
      'A Shared Signals transmitter pushes session revocation, credential changes and account events (CAEP, RISC) to downstream systems in near real time: continuous, event-driven identity.',
    remediation:
      'Publish `/.well-known/ssf-configuration` (SSF 1.0) with https endpoints, an issuer equal to the one it is fetched for, and at least one delivery method; offer CAEP session-revoked and credential-change events.',
    references: [
      { spec: 'OpenID Shared Signals Framework 1.0', section: '6.1, 7.1, 7.2, 8' },
      { spec: 'OpenID CAEP 1.0', section: '3' },
      { spec: 'OpenID RISC 1.0' },
      { spec: 'RFC 8935' },
      { spec: 'RFC 8936' },
    ],
  },
  check(inventory) {
    return authorizationServers(inventory).map((entry) => {
      const subject = entry.as.configuredIssuer;
      const { ssf, risc } = entry.as.probes;
      if (ssf.state === 'unknown' && risc.state === 'unknown') return notObserved(entry.targetId, subject, ssf.reason);
      const ssfDoc = ssf.state === 'observed' ? ssf.value : undefined;
      const riscDoc = risc.state === 'observed' ? risc.value : undefined;
      const chosen = present(ssfDoc) ? { kind: 'SSF', doc: ssfDoc } : present(riscDoc) ? { kind: 'RISC', doc: riscDoc } : undefined;
      if (!chosen) {
        const unanswered = [ssfDoc, riscDoc].every((d) => !d || (d.error && UNANSWERED.has(d.error.code)) || (d.status ?? 0) >= 500);
        if (unanswered) return notObserved(entry.targetId, subject, { kind: 'collection-error', detail: 'the SSF and RISC well-known documents could not be fetched' });
        return { targetId: entry.targetId, subject, outcome: 'info', messageId: 'absent', evidence: { ssfStatus: ssfDoc?.status ?? null, riscStatus: riscDoc?.status ?? null } };
      }
      const json = chosen.doc.json;
      const problems: string[] = [];
      for (const member of URL_MEMBERS) {
        const value = json[member];
        if (typeof value === 'string' && !value.startsWith('https://')) problems.push(`${member} is not https`);
      }
      const issuer = typeof json.issuer === 'string' ? json.issuer : undefined;
      const origin = new URL(chosen.doc.url).origin;
      const issuerOk = issuer !== undefined && (issuer === subject || (chosen.kind === 'RISC' && (issuer === origin || issuer === `${origin}/`)));
      if (!issuerOk) problems.push(`issuer ${issuer ?? '(absent)'} differs from ${subject}`);
      const delivery = Array.isArray(json.delivery_methods_supported) ? json.delivery_methods_supported.filter((d): d is string => typeof d === 'string') : [];
      const version = typeof json.spec_version === 'string' ? json.spec_version : '1_0-ID1 (absent)';
      const evidence = { kind: chosen.kind, url: chosen.doc.url, issuer: issuer ?? null, specVersion: version, deliveryMethods: delivery, hasJwks: typeof json.jwks_uri === 'string' };
      const base = { targetId: entry.targetId, subject, evidence };
      if (problems.length) return { ...base, outcome: 'fail', severity: 'medium', messageId: 'broken', data: { kind: chosen.kind, problems: list(problems) } };
      if (!delivery.length) return { ...base, outcome: 'warn', severity: 'low', messageId: 'noDelivery', data: { kind: chosen.kind } };
      return { ...base, outcome: 'info', messageId: 'published', data: { kind: chosen.kind, version, delivery: list(delivery) } };
    });
  },
});
