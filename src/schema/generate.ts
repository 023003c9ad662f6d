import { z } from 'zod';
import { CONNECTORS } from '../../connectors/index.js';
import { buildConfigSchema } from '../config/schema.js';

/** The JSON Schema of the config file, generated from the one zod schema (editors validate with it). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(buildConfigSchema(CONNECTORS), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://github.com/ciamscan/ciamscan/schema/config.schema.json',
    title: 'ciamscan configuration',
    description: 'ciamscan.yaml: the targets to scan and how. Generated from the zod schema by `npm run schema`; do not edit.',
  };
}

export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
