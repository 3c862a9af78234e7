// The record of agreements under load: `node bench/agreements.mjs BASE_URL` (bench/run calls
// it against a release server on a database with 100,000 generated agreements and 20,000
// organisations). The public page with three filters (list, totals, organisations table and
// the three charts, all server-rendered), the chart page over every agreement, and the
// organisations table alone for one area × one region (its CSV), next to the catalogue's page
// in the same run. Prints Markdown tables.
import { HEADER, load, row } from './load.mjs';

const base = process.argv[2];
if (!base) {
  console.error('usage: node bench/agreements.mjs BASE_URL');
  process.exit(2);
}

const pages = [
  ['`/en/agreements?area=digital_inclusion&region=africa&from=2010` (three filters)',
    `${base}/en/agreements?area=digital_inclusion&region=africa&from=2010`],
  ['`/en/agreements` (charts over every agreement)', `${base}/en/agreements`],
  ['organisations table, one area × one region (`/api/agreements.csv?table=organisations&…`)',
    `${base}/api/agreements.csv?table=organisations&area=infrastructure&region=asia_pacific`],
  ['catalogue `/en/concepts?q=digital&area=infrastructure&region=africa`',
    `${base}/en/concepts?q=digital&area=infrastructure&region=africa`],
];
// The same three filters with another year and region on every request, 104 searches in
// turn: more than the 64 charts a snapshot remembers, so every request draws its charts.
const regions = ['africa', 'americas', 'asia_pacific', 'europe'];
let turn = 0;
const rotating = () => {
  const n = turn++;
  return `${base}/en/agreements?area=digital_inclusion&region=${regions[n % 4]}&from=${2000 + (Math.floor(n / 4) % 26)}`;
};
// The first request reads the whole record into memory; every later one until the next
// write is served from that snapshot.
const started = performance.now();
const first = await fetch(pages[1][1]);
await first.text();
const cold = performance.now() - started;
for (const [, url] of pages) await load(() => url, { seconds: 2 }); // warm-up

console.log(`## Agreements record at ${process.env.CONCURRENCY ?? 8} concurrent requests`);
console.log();
console.log(HEADER);
for (const [name, url] of pages) {
  console.log(row(name, await load(() => url)));
}
console.log(row('the three filters with another year and region each time (charts drawn every time)', await load(rotating)));
console.log();
console.log(`The first request after start (status ${first.status}), which read the record into memory: ${cold.toFixed(0)} ms.`);
console.log();
