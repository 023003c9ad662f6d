import rule from '../../../rules/flows/flow-cross-device.js';
import { asInventory, baseMetadata, ISSUER } from '../../support/oidc-inventory.js';
import { testRule } from '../../support/rule-tester.js';

const meta = (members: Record<string, unknown>) => asInventory({ metadata: { ...baseMetadata(), ...members } });

// Catalog §3 FLOW-CROSS-DEVICE (RFC 8628; CIBA Core §4): INFO present/absent per grant at T0; the
// endpoints are never called.
testRule(rule, [
  {
    name: 'no device or CIBA grant: INFO none',
    inventory: asInventory({}),
    expected: [{ outcome: 'info', messageId: 'none', evidence: { deviceAuthorization: false, ciba: false } }],
  },
  {
    name: 'a device authorization endpoint: INFO available',
    inventory: meta({ device_authorization_endpoint: `${ISSUER}/device` }),
    expected: [{ outcome: 'info', messageId: 'available', messageIncludes: ['device authorization (RFC 8628)'] }],
  },
  {
    name: 'the device_code grant type alone counts',
    inventory: meta({ grant_types_supported: ['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'] }),
    expected: [{ outcome: 'info', messageId: 'available', evidence: { deviceAuthorization: true } }],
  },
  {
    name: 'a CIBA endpoint with delivery modes: INFO available with the modes',
    inventory: meta({ backchannel_authentication_endpoint: `${ISSUER}/bc-authorize`, backchannel_token_delivery_modes_supported: ['poll', 'ping'], backchannel_user_code_parameter_supported: true }),
    expected: [{ outcome: 'info', messageId: 'available', messageIncludes: ['CIBA (delivery modes: poll, ping)'], evidence: { ciba: true, cibaUserCode: true } }],
  },
  {
    name: 'both grants (CIBA by grant type only) are listed',
    inventory: meta({ device_authorization_endpoint: `${ISSUER}/device`, grant_types_supported: ['authorization_code', 'urn:openid:params:grant-type:ciba'] }),
    expected: [{ outcome: 'info', messageId: 'available', messageIncludes: ['device authorization (RFC 8628); CIBA (delivery modes: (none))'] }],
  },
  {
    name: 'no discovery document: unknown (precondition)',
    inventory: asInventory({ metadata: null }),
    expected: [{ outcome: 'unknown', messageId: 'notObserved' }],
  },
]);
