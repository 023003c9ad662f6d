import { defineRule } from '../../src/rules-engine/define.js';
import type { AuthorizationServerEntry } from '../../src/inventory.js';
import { forEachStoreSection, nameSome, serversOfStore, undetermined } from '../../src/rules-engine/authenticators.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

/** Step-up signals in the metadata: acr_values_supported, or the claims parameter (an essential `acr` request). */
function stepUpSignals(server: AuthorizationServerEntry): string[] {
  if (!server.as.discovery.metadata) return [];
  const { acrValues, claimsParameterSupported } = server.as.effective;
  const signals: string[] = [];
  if (acrValues?.length) signals.push(`acr_values_supported: ${list(acrValues)}`);
  if (claimsParameterSupported) signals.push('claims_parameter_supported: true');
  return signals;
}

export default defineRule({
  meta: {
    id: 'MFA-ADAPTIVE-RISK',
    title: 'Risk-based or step-up authentication is in use',
    severity: 'medium',
    area: 'mfa',
    process: 'authentication',
    tier: 'T0',
    messages: {
      stepUpAvailable:
        'Step-up is available: {{signals}}. Relying parties can ask for a stronger authentication; whether any risk input changes the requirement needs a read-only admin credential (T2).',
      noStepUp:
        'No step-up signal is advertised (no acr_values_supported, claims parameter not supported). Risk-based authentication, if any, can only be seen with a read-only admin credential (T2).',
      riskBased: 'Risk- or context-based authentication changes the requirement: {{mechanisms}}.',
      staticStepUp:
        'Only static step-up is available ({{mechanisms}}): relying parties can request a stronger authentication, but no risk or context input changes the requirement on its own.',
      noAdaptive: 'No risk-based or step-up mechanism was found{{detail}}.',
    },
    rationale:
      'Adaptive controls raise the authentication requirement when the context is risky (new device, impossible travel, breached password, bot traffic) and leave ordinary logins alone, cutting account takeover without taxing every customer. SP 800-63B-4 allows such pre-authentication risk checks on top of the AAL; step-up by `acr` lets relying parties demand more for sensitive actions (RFC 9470).',
    remediation:
      'Turn on a risk signal that changes the authentication requirement: Auth0 — Guardian policy `confidence-score` (Adaptive MFA); Okta — ThreatInsight in `block` or `audit` mode and authentication-policy rules with risk or network-zone conditions; Keycloak — conditional authenticators (level of authentication with `acr.loa.map`, conditions on IP, role or user attribute) in the browser flow. Publish `acr_values_supported` so that relying parties can step up.',
    references: [
      { spec: 'NIST SP 800-63B-4', section: '2' },
      { spec: 'RFC 9470' },
      { spec: 'OpenID Connect Core 1.0', section: '2, 3.1.2.1' },
      { spec: 'OpenID Connect Discovery 1.0', section: '3' },
    ],
  },
  check(inventory) {
    // T0: a signal per authorization server, never a judgement.
    const t0 = forEachAuthorizationServer(inventory, (entry) => {
      const signals = stepUpSignals(entry);
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence: { acrValues: entry.as.effective.acrValues ?? [], claimsParameterSupported: entry.as.effective.claimsParameterSupported } };
      if (signals.length) return { ...base, outcome: 'info', messageId: 'stepUpAvailable', data: { signals: signals.join('; ') } };
      return { ...base, outcome: 'info', messageId: 'noStepUp' };
    });
    // T2: per identity store.
    const t2 = forEachStoreSection(inventory, 'authentication', (entry, auth) => {
      const { riskBased, stepUp, mechanisms } = auth.adaptive;
      const servers = serversOfStore(inventory, entry).filter((s) => s.as.discovery.metadata);
      const advertised = servers.flatMap((s) => stepUpSignals(s).map((signal) => `${s.as.configuredIssuer} ${signal}`));
      const evidence = { riskBased, stepUp, mechanisms: [...mechanisms], advertisedStepUp: advertised };
      const base = { targetId: entry.targetId, subject: entry.subject, evidence };
      if (riskBased === true) return { ...base, outcome: 'pass', messageId: 'riskBased', data: { mechanisms: nameSome(mechanisms.length ? mechanisms : ['(mechanism not named by the connector)']) } };
      if (riskBased === 'unknown') return undetermined(entry, ['whether a risk or context input changes the authentication requirement'], evidence);
      // riskBased is false: static step-up (from the store, or advertised by its authorization servers when the store cannot tell) is a WARN.
      if (stepUp === true || (stepUp === 'unknown' && advertised.length)) {
        const named = stepUp === true ? (mechanisms.length ? mechanisms : ['step-up configured']) : advertised;
        return { ...base, outcome: 'warn', messageId: 'staticStepUp', data: { mechanisms: nameSome(named) } };
      }
      if (stepUp === 'unknown' && servers.length === 0) return undetermined(entry, ['whether static step-up is configured'], evidence);
      const detail = stepUp === 'unknown' ? ' (the store does not tell about step-up, and its authorization servers advertise none)' : '';
      return { ...base, outcome: 'info', messageId: 'noAdaptive', data: { detail } };
    });
    return [...t0, ...t2];
  },
});
