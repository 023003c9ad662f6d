#!/usr/bin/env node
// The CLI needs Node 24 (the project brings it: npx ciamscan uses node_modules/.bin/node).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `error: ciamscan needs Node.js 24 or later (this is ${process.version}) — fix: run it through npx ciamscan or npm scripts, which use the project's own Node 24\n`,
  );
  process.exit(2);
}
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
