// Lighthouse (mobile, its default throttling) on the home, catalogue and concept pages:
// `node bench/lighthouse.mjs BASE_URL`. Uses lighthouse@12.8.2 from npm (13.x needs a newer
// Node) and the Chromium at CHROMIUM_PATH. Prints a Markdown table.
import { spawnSync } from 'node:child_process';

const base = process.argv[2];
if (!base) {
  console.error('usage: node bench/lighthouse.mjs BASE_URL');
  process.exit(2);
}
const chrome = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update';

const html = await (await fetch(`${base}/en/concepts`)).text();
const slug = html.match(/href="\/en\/concepts\/([a-z0-9-]+)"/)?.[1];
const pages = [['home', '/en'], ['catalogue', '/en/concepts'], ['concept', `/en/concepts/${slug}`], ['concept (ar)', `/ar/concepts/${slug}`]];

console.log('## Lighthouse 12.8.2, mobile');
console.log();
console.log('| page | performance | LCP ms | TBT ms | CLS | accessibility |');
console.log('|---|---|---|---|---|---|');
for (const [name, path] of pages) {
  // Lighthouse exits non-zero for some page-level warnings while still writing its report;
  // the report says what went wrong, so it is read either way.
  const run = spawnSync('npx', ['--yes', 'lighthouse@12.8.2', `${base}${path}`, '--output=json', '--quiet',
    `--chrome-flags=${flags}`, '--only-categories=performance,accessibility'],
  { env: { ...process.env, CHROME_PATH: chrome }, maxBuffer: 64 * 1024 * 1024, encoding: 'utf-8' });
  let r;
  try {
    r = JSON.parse(run.stdout);
  } catch {
    console.log(`| ${name} | failed: ${(run.stderr || '').split('\n').filter(Boolean).pop() ?? `exit ${run.status}`} | | | | |`);
    continue;
  }
  if (r.runtimeError) {
    console.log(`| ${name} | failed: ${r.runtimeError.code} | | | | |`);
    continue;
  }
  const a = r.audits;
  console.log(`| ${name} | ${Math.round(r.categories.performance.score * 100)} | `
    + `${Math.round(a['largest-contentful-paint'].numericValue)} | ${Math.round(a['total-blocking-time'].numericValue)} | `
    + `${a['cumulative-layout-shift'].numericValue.toFixed(3)} | ${Math.round(r.categories.accessibility.score * 100)} |`);
}
