import { writeFileSync } from 'node:fs';
import { configJsonSchemaText } from './generate.js';

// `npm run schema`: regenerate schema/config.schema.json from the zod schema (a test checks it is current).
const target = new URL('../../../schema/config.schema.json', import.meta.url);
writeFileSync(target, configJsonSchemaText());
process.stdout.write(`wrote ${target.pathname}\n`);
