import type { Redactor } from '../../src/privacy/redact.js';
import type { ScimTargetConfig } from './config.js';

/**
 * The SCIM credential as an Authorization header value, or undefined when none is configured.
 * SCIM tokens are static (RFC 7644 §2 leaves issuance to the provider), so there is nothing to
 * refresh; the derived Basic value is registered with the redactor like the secrets it came from.
 */
export interface ScimCredential {
  scheme: 'bearer' | 'basic';
  authorization: string;
}

export function scimCredential(config: ScimTargetConfig, redactor: Redactor): ScimCredential | undefined {
  if ((config.authScheme ?? 'bearer') === 'basic') {
    if (config.username === undefined || config.password === undefined) return undefined;
    const encoded = Buffer.from(`${config.username}:${config.password}`, 'utf8').toString('base64');
    redactor.add(config.password);
    redactor.add(encoded);
    return { scheme: 'basic', authorization: `Basic ${encoded}` };
  }
  if (config.token === undefined) return undefined;
  redactor.add(config.token);
  return { scheme: 'bearer', authorization: `Bearer ${config.token}` };
}
