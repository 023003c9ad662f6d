import type { Rule } from '../src/rules-engine/define.js';
import discAntiFraming from './discovery/disc-anti-framing.js';
import discCorsScope from './discovery/disc-cors-scope.js';
import discDcrExposure from './discovery/disc-dcr-exposure.js';
import discHttpsEndpoints from './discovery/disc-https-endpoints.js';
import discIssuerExact from './discovery/disc-issuer-exact.js';
import discIssuerInventory from './discovery/disc-issuer-inventory.js';
import discMetadataPublished from './discovery/disc-metadata-published.js';
import discRequiredFields from './discovery/disc-required-fields.js';
import discTlsBaseline from './discovery/disc-tls-baseline.js';
import cauthAsymmetricMethods from './flows/cauth-asymmetric-methods.js';
import cauthIntrospectionProtected from './flows/cauth-introspection-protected.js';
import flowCrossDevice from './flows/flow-cross-device.js';
import flowIssResponseParam from './flows/flow-iss-response-param.js';
import flowNoImplicit from './flows/flow-no-implicit.js';
import flowNoRopc from './flows/flow-no-ropc.js';
import flowPar from './flows/flow-par.js';
import flowRequestUriFetch from './flows/flow-request-uri-fetch.js';
import oidcPkceS256 from './flows/oidc-pkce-s256.js';
import keyIdTokenAlgs from './keys/key-id-token-algs.js';
import keyJwksPublicOnly from './keys/key-jwks-public-only.js';
import keyJwksValid from './keys/key-jwks-valid.js';
import keyKidUseHygiene from './keys/key-kid-use-hygiene.js';
import keyRotation from './keys/key-rotation.js';
import keyStrength from './keys/key-strength.js';
import tokenSenderConstrained from './keys/token-sender-constrained.js';
import monSsfTransmitter from './monitoring/mon-ssf-transmitter.js';
import sessBackchannelLogout from './session/sess-backchannel-logout.js';
import sessRpInitiatedLogout from './session/sess-rp-initiated-logout.js';

/** Every rule, registered once. A test keeps this list, the files, the catalog and the README in step. */
export const RULES: readonly Rule[] = [
  discAntiFraming,
  discCorsScope,
  discDcrExposure,
  discHttpsEndpoints,
  discIssuerExact,
  discIssuerInventory,
  discMetadataPublished,
  discRequiredFields,
  discTlsBaseline,
  cauthAsymmetricMethods,
  cauthIntrospectionProtected,
  flowCrossDevice,
  flowIssResponseParam,
  flowNoImplicit,
  flowNoRopc,
  flowPar,
  flowRequestUriFetch,
  oidcPkceS256,
  keyIdTokenAlgs,
  keyJwksPublicOnly,
  keyJwksValid,
  keyKidUseHygiene,
  keyRotation,
  keyStrength,
  tokenSenderConstrained,
  monSsfTransmitter,
  sessBackchannelLogout,
  sessRpInitiatedLogout,
];
