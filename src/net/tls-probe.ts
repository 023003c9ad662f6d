import { checkServerIdentity, connect, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls';
import { isIP, type LookupFunction } from 'node:net';
import type { TlsHostFacts, TlsVersionResult } from '../model/as-facts.js';

const VERSIONS: Array<TlsVersionResult['version']> = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** Errors raised by the local TLS library before anything is sent: the version cannot be offered here. */
const LOCAL_UNSUPPORTED = new Set(['ERR_SSL_NO_PROTOCOLS_AVAILABLE', 'ERR_TLS_INVALID_PROTOCOL_VERSION']);

export interface TlsProbeOptions {
  /** Extra trust anchors (PEM), added to the public roots. */
  ca?: string;
  connectTimeoutMs: number;
  /** A guarded DNS lookup (refuses link-local and metadata addresses). */
  lookup?: LookupFunction;
  /** Called before each handshake, so handshakes share the target's rate governor. */
  beforeHandshake?: () => Promise<void>;
  /** Days-to-expiry is computed against this clock (injectable for tests). */
  now?: () => number;
}

/**
 * One handshake per protocol version (catalog §14.1: no cipher sweeps), then the certificate of
 * the best handshake: chain trust, host-name match, days to expiry. Nothing is sent over the
 * connection; verification is evaluated and reported rather than enforced, because the evidence
 * is the point.
 */
export async function probeTls(host: string, port: number, options: TlsProbeOptions): Promise<TlsHostFacts> {
  const facts: TlsHostFacts = { host, port, versions: [] };
  let best: { socket: TLSSocket; cert: PeerCertificate } | undefined;
  for (const version of VERSIONS) {
    await options.beforeHandshake?.();
    const attempt = await handshake(host, port, version, options);
    facts.versions.push(attempt.result);
    if (attempt.socket && attempt.cert) {
      best?.socket.destroy();
      best = { socket: attempt.socket, cert: attempt.cert };
    }
  }
  if (best) {
    const { socket, cert } = best;
    const now = options.now?.() ?? Date.now();
    const validTo = new Date(cert.valid_to);
    const identityError = checkServerIdentity(host, cert);
    facts.certificate = {
      subject: formatName(cert.subject),
      issuer: formatName(cert.issuer),
      validFrom: new Date(cert.valid_from).toISOString(),
      validTo: validTo.toISOString(),
      daysToExpiry: Math.floor((validTo.getTime() - now) / 86_400_000),
      trusted: socket.authorized,
      hostnameMatch: identityError === undefined,
    };
    if (!socket.authorized && socket.authorizationError) facts.certificate.trustError = String(socket.authorizationError);
    socket.destroy();
  } else if (facts.versions.every((v) => !v.accepted)) {
    facts.error = facts.versions.find((v) => !v.untestable)?.detail ?? 'no TLS handshake succeeded';
  }
  return facts;
}

interface HandshakeAttempt {
  result: TlsVersionResult;
  socket?: TLSSocket;
  cert?: PeerCertificate;
}

function handshake(host: string, port: number, version: TlsVersionResult['version'], options: TlsProbeOptions): Promise<HandshakeAttempt> {
  return new Promise((resolve) => {
    let settled = false;
    const legacy = version === 'TLSv1' || version === 'TLSv1.1';
    let socket: TLSSocket;
    const finish = (attempt: HandshakeAttempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!attempt.socket) socket?.destroy();
      resolve(attempt);
    };
    const timer = setTimeout(
      () => finish({ result: { version, accepted: false, detail: `no handshake within ${options.connectTimeoutMs} ms` } }),
      options.connectTimeoutMs,
    );
    try {
      socket = connect({
        host,
        port,
        ...(isIP(host) ? {} : { servername: host }),
        minVersion: version,
        maxVersion: version,
        // Legacy versions need the lowest security level just to be offered by OpenSSL 3.
        ...(legacy ? { ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
        ca: options.ca ? [...rootCertificates, options.ca] : undefined,
        rejectUnauthorized: false,
        ...(options.lookup ? { lookup: options.lookup } : {}),
      });
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      finish({ result: { version, accepted: false, untestable: LOCAL_UNSUPPORTED.has(code), detail: code || String(err) } });
      return;
    }
    socket.once('secureConnect', () => {
      finish({ result: { version, accepted: true }, socket, cert: socket.getPeerCertificate() });
    });
    socket.once('error', (err: Error & { code?: string }) => {
      const code = err.code ?? err.message;
      finish({ result: { version, accepted: false, untestable: LOCAL_UNSUPPORTED.has(code), detail: code } });
    });
  });
}

function formatName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}
