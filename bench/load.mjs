// A load generator with no dependencies: keeps CONCURRENCY requests in flight against one
// URL for DURATION seconds over keep-alive connections and reports requests per second and
// latency percentiles. `bench/run` drives it; by hand:
//
//   node bench/load.mjs catalogue 'http://127.0.0.1:3400/en/concepts?q=data&region=africa'
//   node bench/load.mjs search http://127.0.0.1:3400        (one-word queries, six languages)
//
// Options come from the environment: CONCURRENCY (default 8), DURATION seconds (default 20).
import http from 'node:http';

const concurrency = Number(process.env.CONCURRENCY ?? 8);
const duration = Number(process.env.DURATION ?? 20);

/** One word per language, each present in the generated texts. */
export const SEARCH_WORDS = {
  ar: 'البيانات',
  en: 'digital',
  es: 'datos',
  fr: 'numérique',
  ru: 'данные',
  zh: '培训',
};

function get(agent, url) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get(url, { agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => { bytes += chunk.length; });
      res.on('end', () => resolve({
        status: res.statusCode,
        bytes,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      }));
    });
    req.on('error', reject);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Keeps `workers` requests in flight for `seconds`; `next()` gives each request's URL. */
export async function load(next, { workers = concurrency, seconds = duration } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: workers });
  const latencies = [];
  const statuses = {};
  let bytes = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: workers }, async () => {
    while (Date.now() < deadline) {
      const r = await get(agent, next());
      latencies.push(r.ms);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      bytes += r.bytes;
    }
  }));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    bytesPerResponse: Math.round(bytes / Math.max(1, latencies.length)),
    statuses,
  };
}

const fmt = (n) => n.toFixed(1);

export function row(name, r) {
  const codes = Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
  return `| ${name} | ${r.requests} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.bytesPerResponse} | ${codes} |`;
}

export const HEADER = '| what | requests | req/s | p50 ms | p95 ms | p99 ms | bytes | statuses |\n|---|---|---|---|---|---|---|---|';
