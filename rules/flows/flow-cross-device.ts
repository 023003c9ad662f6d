import { defineRule } from '../../src/rules-engine/define.js';
import { forEachAuthorizationServer, list } from '../../src/rules-engine/subjects.js';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

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
    },
    rationale:
      'Device authorization and CIBA extend identity to TVs, kiosks and call centres (omnichannel), and they add remote-phishing and user-code guessing surface, so they should be scoped to the clients that need them.',
    remediation:
      'Offer the device grant or CIBA where customers need cross-device sign-in; enable them only on the clients that need them, with long, high-entropy user codes and short lifetimes.',
    references: [
      { spec: 'RFC 8628', section: '3.4, 4, 5.1, 5.4, 6.1' },
      { spec: 'OpenID Connect CIBA Core 1.0', section: '4' },
    ],
  },
  check(inventory) {
    return forEachAuthorizationServer(inventory, (entry, metadata) => {
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
  },
});
