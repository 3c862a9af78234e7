// The catalogue under load: `node bench/catalogue.mjs BASE_URL SITE_ROOT` (bench/run calls it
// against a release server on a generated database). Prints Markdown tables.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEADER, SEARCH_WORDS, load, row } from './load.mjs';

const [base, siteRoot] = process.argv.slice(2);
if (!base || !siteRoot) {
  console.error('usage: node bench/catalogue.mjs BASE_URL SITE_ROOT');
  process.exit(2);
}

// Two filters and a search term.
const catalogue = `${base}/en/concepts?q=digital&area=infrastructure&region=africa`;
const body = Buffer.from(await (await fetch(catalogue)).arrayBuffer());
// The same server sends the same number of bytes from a file: the floor for this machine.
// (Under /pkg/: a one-segment path would be taken for a language prefix.)
writeFileSync(join(siteRoot, 'pkg', 'bench-static.html'), body);
const staticFile = `${base}/pkg/bench-static.html`;
const check = await fetch(staticFile);
if (check.status !== 200) throw new Error(`the static file answers ${check.status}`);
await load(() => catalogue, { seconds: 3 }); // warm-up

const page = await load(() => catalogue);
const file = await load(() => staticFile);
console.log(`## Catalogue page at ${process.env.CONCURRENCY ?? 8} concurrent requests`);
console.log();
console.log(HEADER);
console.log(row('`/en/concepts?q=digital&area=infrastructure&region=africa`', page));
console.log(row(`static file of the same size (${body.length} bytes)`, file));
console.log();
console.log(`Catalogue throughput is ${(100 * page.rps / file.rps).toFixed(1)} % of the static file's; `
  + `p50 is ${(page.p50 / file.p50).toFixed(1)}× and p99 ${(page.p99 / file.p99).toFixed(1)}× the static file's.`);
console.log();

console.log('## One-word search in each language');
console.log();
console.log(HEADER);
for (const [locale, word] of Object.entries(SEARCH_WORDS)) {
  const url = `${base}/${locale}/concepts?q=${encodeURIComponent(word)}`;
  const r = await load(() => url, { seconds: Math.max(5, Number(process.env.DURATION ?? 20) / 4) });
  console.log(row(`${locale} “${word}”`, r));
}
