import { z } from 'zod';
import { targetBaseShape } from '../../src/config/target-base.js';

const issuerUrl = z
  .string()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { message: 'must be an absolute http(s) URL, e.g. https://login.example.com' },
  )
  .describe('The issuer identifier, exactly as clients configure it (compared byte for byte).');

export const oidcTargetSchema = z
  .strictObject({
    ...targetBaseShape,
    type: z.literal('oidc'),
    issuer: issuerUrl,
    product: z.string().min(1).optional().describe('Override the detected product name (e.g. keycloak).'),
    activeProbes: z
      .boolean()
      .optional()
      .describe(
        'Enable the T1 probes of catalog §14.2 (one unauthenticated introspection POST with a random token, one authorization request with a random client_id and an .invalid redirect URI). Off by default.',
      ),
    tlsProbe: z
      .boolean()
      .optional()
      .describe('One TLS handshake per protocol version per host (catalog §14.1). On by default.'),
  })
  .describe('An OAuth 2.0 / OpenID Connect authorization server, scanned from the outside (T0).');

export type OidcTargetConfig = z.infer<typeof oidcTargetSchema>;
