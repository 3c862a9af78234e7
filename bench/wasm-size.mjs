// The hydrate bundle's size, raw and compressed as the server sends it, against the budget.
// `node bench/wasm-size.mjs SITE_PKG_DIR`; exits 1 when over budget.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Budget for the compressed (brotli) WASM: what a phone on a slow link downloads, once (it
 * is cached for a year under a hashed name). Pages render and work before it arrives, so it
 * costs interactivity time, not first paint. Measured at 615 KiB with the catalogue, the
 * concept page, the staff editor and the translations of all six languages compiled in; the
 * budget leaves room for the remaining features and no more.
 */
const BUDGET_BROTLI = 700 * 1024;

const dir = process.argv[2];
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log('## Hydrate bundle (release)');
console.log();
console.log('| file | raw | gzip | brotli |');
console.log('|---|---|---|---|');
let wasmBrotli = 0;
for (const name of readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f)).sort()) {
  const bytes = readFileSync(join(dir, name));
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  if (name.endsWith('.wasm')) wasmBrotli = br;
  console.log(`| ${name} | ${kib(bytes.length)} | ${kib(gz)} | ${kib(br)} |`);
}
console.log();
const ok = wasmBrotli > 0 && wasmBrotli <= BUDGET_BROTLI;
console.log(`Budget: WASM at most ${kib(BUDGET_BROTLI)} brotli-compressed: ${ok ? 'kept' : 'EXCEEDED'}.`);
if (!ok) process.exitCode = 1;
