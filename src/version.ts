import { readFileSync } from 'node:fs';

/** The package version, read once from package.json (two levels up from both src/ and dist/src/). */
function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ciamscan' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const TOOL_NAME = 'ciamscan';
export const TOOL_VERSION = readVersion();
export const USER_AGENT = `${TOOL_NAME}/${TOOL_VERSION} (+https://github.com/ciamscan/ciamscan; read-only CIAM scanner)`;
