// A mixed load across one or more servers, with no dependencies: catalogue lists with
// filters, one-word searches in six languages, concept pages and byte ranges of media
// files, spread over the servers in turn, CONCURRENCY requests in flight for DURATION
// seconds. Every request has a deadline (HUNG_MS); one that passes it counts as hung.
// Prints a Markdown row per kind of request and a total, and exits non-zero on any 5xx,
// transport error or hung request (with ALLOW_5XX=1, on hung requests only: for runs with
// the database taken away on purpose).
//
//   node bench/mix.mjs http://127.0.0.1:3401 http://127.0.0.1:3402
import http from 'node:http';
import { SEARCH_WORDS } from './load.mjs';

const concurrency = Number(process.env.CONCURRENCY ?? 8);
const duration = Number(process.env.DURATION ?? 60);
const hungMs = Number(process.env.HUNG_MS ?? 30_000);
const bases = process.argv.slice(2);
if (bases.length === 0) {
  console.error('usage: node bench/mix.mjs BASE_URL...');
  process.exit(2);
}
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency * 2 });

function request(url, headers = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const done = (status, bytes) =>
      resolve({ status, bytes, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    const req = http.get(url, { agent, headers, timeout: hungMs }, (res) => {
      let bytes = 0;
      res.on('data', (c) => { bytes += c.length; });
      res.on('end', () => done(res.statusCode, bytes));
      res.on('error', () => done('error', bytes));
    });
    req.on('timeout', () => { req.destroy(); done('hung', 0); });
    req.on('error', () => done('error', 0));
  });
}

async function text(url) {
  const r = await fetch(url);
  return r.text();
}

// What to ask for: concept pages from the sitemap, media files from those pages.
const sitemap = await text(`${bases[0]}/sitemap.xml`);
const concepts = [...sitemap.matchAll(/<loc>[^<]*(\/[a-z]{2}\/concepts\/[^<]+)<\/loc>/g)].map((m) => m[1]).slice(0, 400);
const media = new Set();
for (const path of concepts) {
  if (media.size >= 12) break;
  const page = await text(`${bases[0]}${path}`);
  for (const m of page.matchAll(/href="(\/media\/[^"]+)"/g)) media.add(m[1]);
}
const mediaPaths = [...media];
const locales = Object.keys(SEARCH_WORDS);
const kinds = {
  catalogue: (i) => `/${locales[i % 6]}/concepts?area=infrastructure&region=africa&page=${1 + (i % 3)}`,
  search: (i) => `/${locales[i % 6]}/concepts?q=${encodeURIComponent(SEARCH_WORDS[locales[i % 6]])}`,
  concept: (i) => concepts[i % concepts.length],
  media: (i) => mediaPaths[i % mediaPaths.length],
};
if (mediaPaths.length === 0) delete kinds.media;
const names = Object.keys(kinds);

const results = Object.fromEntries(names.map((k) => [k, []]));
const deadline = Date.now() + duration * 1000;
let n = 0;
async function worker() {
  while (Date.now() < deadline) {
    const i = n++;
    const kind = names[i % names.length];
    const base = bases[i % bases.length];
    // Byte ranges every file can answer: its first 64 KiB, or its last KiB (a player seeking).
    const headers = kind === 'media' ? { Range: i % 2 ? 'bytes=0-65535' : 'bytes=-1024' } : {};
    results[kind].push(await request(base + kinds[kind](Math.floor(i / names.length)), headers));
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}
let bad = 0;
console.log(`| requests | count | req/s | p50 ms | p95 ms | p99 ms | max ms | statuses |`);
console.log(`|---|---|---|---|---|---|---|---|`);
const all = [];
for (const kind of [...names, 'all']) {
  const rows = kind === 'all' ? all : results[kind];
  if (kind !== 'all') all.push(...rows);
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const statuses = {};
  for (const r of rows) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  if (kind === 'all') {
    const allow5xx = process.env.ALLOW_5XX === '1';
    bad = rows.filter((r) => r.status === 'hung' || (!allow5xx && (r.status === 'error' || r.status >= 500))).length;
  }
  const list = Object.entries(statuses).map(([s, c]) => `${s}×${c}`).join(' ');
  console.log(`| ${kind} | ${rows.length} | ${(rows.length / duration).toFixed(1)} | ${percentile(ms, 50).toFixed(1)} | ${percentile(ms, 95).toFixed(1)} | ${percentile(ms, 99).toFixed(1)} | ${(ms.at(-1) ?? 0).toFixed(0)} | ${list} |`);
}
agent.destroy();
if (bad > 0) {
  console.error(`${bad} requests answered 5xx, failed or hung`);
  process.exit(1);
}
