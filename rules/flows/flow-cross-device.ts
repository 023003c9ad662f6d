import type { ClientFacts } from '../../src/model/store-facts.js';
import { activeClients, forEachStoreSection, isPublicClient, nameOffenders, offenderEvidence, storeBase } from '../../src/rules-engine/clients.js';
import { defineRule, type Finding } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

const hasDeviceGrant = (c: ClientFacts) => c.deviceGrant === true || c.grants.includes('device_code');
const hasCiba = (c: ClientFacts) => c.ciba === true || c.grants.includes('ciba');

/**
 * Why a client does not need a cross-device grant, or undefined. The device grant (RFC 8628 §1) is
 * for input-constrained devices: an SPA or web app has a browser and uses the code flow. CIBA (CIBA
 * Core §4, §7.1) is for confidential clients that authenticate at the backchannel endpoint: an SPA,
 * a native app or any public client cannot use it safely.
 */
function unneeded(c: ClientFacts): string | undefined {
  const reasons: string[] = [];
  if (hasDeviceGrant(c) && (c.appType === 'spa' || c.appType === 'web')) reasons.push(`device grant on a ${c.appType === 'spa' ? 'single-page' : 'web'} app`);
  if (hasCiba(c) && (c.appType === 'spa' || c.appType === 'native' || isPublicClient(c))) reasons.push('CIBA on a public or browser/native client');
  return reasons.length ? `${c.id}: ${reasons.join(', ')}` : undefined;
}

export default defineRule({
  meta: {
    id: 'FLOW-CROSS-DEVICE',
    title: 'Cross-device grants are available and constrained',
    severity: 'info',
    area: 'flows',
    process: 'authentication',
    tier: 'T0',
    messages: {
      available: 'Cross-device grants offered: {{grants}}. Scoping them to the clients that need them needs T2 evidence.',
      none: 'No cross-device grant (device authorization, CIBA) is offered.',
      clientsScoped: 'Cross-device grants are enabled on {{count}} client(s) ({{grants}}): {{clients}}; none is a browser app with the device grant or a public client with CIBA.',
      clientsUnneeded: 'Cross-device grants are enabled on {{unneeded}} client(s) that do not need them: {{clients}}.',
      clientsNone: 'No enabled client of the store has a cross-device grant (device authorization, CIBA).',
    },
    rationale:
      'Device authorization and CIBA extend identity to TVs, kiosks and call centres (omnichannel), and they add remote-phishing and user-code guessing surface, so they should be scoped to the clients that need them.',
    remediation:
      'Offer the device grant or CIBA where customers need cross-device sign-in; enable them only on the clients that need them (device grant: input-constrained devices such as TVs; CIBA: confidential back-office clients such as a call centre), never on SPAs or web apps (Keycloak client settings "OAuth 2.0 Device Authorization Grant" and "OIDC CIBA Grant"; Auth0 and Okta application grant types), with long, high-entropy user codes and short lifetimes.',
    references: [
      { spec: 'RFC 8628', section: '3.4, 4, 5.1, 5.4, 6.1' },
      { spec: 'OpenID Connect CIBA Core 1.0', section: '4' },
    ],
  },
  check(inventory) {
    const servers: Finding[] = forEachAuthorizationServer(inventory, (entry, metadata) => {
      const grants = entry.as.effective.grantTypes;
      const device = typeof metadata.device_authorization_endpoint === 'string' || grants.includes(DEVICE_GRANT);
      const ciba = typeof metadata.backchannel_authentication_endpoint === 'string' || grants.includes(CIBA_GRANT);
      const offered = [device ? 'device authorization (RFC 8628)' : '', ciba ? `CIBA (delivery modes: ${list(entry.as.effective.backchannelTokenDeliveryModes ?? [])})` : ''].filter(Boolean);
      const evidence = { deviceAuthorization: device, ciba, cibaUserCode: entry.as.effective.backchannelUserCodeParameterSupported };
      const base = { targetId: entry.targetId, subject: entry.as.configuredIssuer, evidence };
      return offered.length
        ? { ...base, outcome: 'info', messageId: 'available', data: { grants: offered.join('; ') } }
        : { ...base, outcome: 'info', messageId: 'none' };
    });
    // T2: which enabled clients have the device grant or CIBA (Keycloak attributes
    // `oauth2.device.authorization.grant.enabled`, `oidc.ciba.grant.enabled`; Auth0 and Okta grant types).
    // Built-in vendor clients are reported but never warned about: their settings are vendor defaults.
    // The user-code charset and length of the catalog are not in the normalised facts.
    const stores = forEachStoreSection(inventory, (s) => s.clients, (entry, clients) => {
      const base = storeBase(entry);
      const cross = activeClients(clients).filter((c) => hasDeviceGrant(c) || hasCiba(c));
      const device = cross.filter(hasDeviceGrant).map((c) => c.id);
      const ciba = cross.filter(hasCiba).map((c) => c.id);
      const offenders = cross.filter((c) => c.builtIn !== true).map(unneeded).filter((r): r is string => r !== undefined);
      const evidence = { deviceGrant: offenderEvidence(device), ciba: offenderEvidence(ciba), unneeded: offenderEvidence(offenders) };
      if (cross.length === 0) return { ...base, outcome: 'info', messageId: 'clientsNone', evidence };
      if (offenders.length) return { ...base, outcome: 'warn', messageId: 'clientsUnneeded', data: { unneeded: offenders.length, clients: nameOffenders(offenders) }, evidence };
      const grants = [device.length ? `device grant on ${device.length}` : '', ciba.length ? `CIBA on ${ciba.length}` : ''].filter(Boolean).join(', ');
      return { ...base, outcome: 'info', messageId: 'clientsScoped', data: { count: cross.length, grants, clients: nameOffenders(cross.map((c) => c.id)) }, evidence };
    });
    return [...servers, ...stores];
  },
});
