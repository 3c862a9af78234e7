// The release build's pages hydrate: `node bench/hydrates.mjs BASE_URL` opens the home,
// catalogue and a concept page in headless Chromium and waits for the app to mark the page
// live. Exits 1 if one does not (a release-only hydration bug would otherwise go unseen).
import { createRequire } from 'node:module';

// Playwright is installed with the end-to-end tests.
const { chromium } = createRequire(new URL('../end2end/package.json', import.meta.url))('playwright-core');

const base = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
const html = await (await fetch(`${base}/en/concepts`)).text();
const slug = html.match(/href="\/en\/concepts\/([a-z0-9-]+)"/)?.[1];
let failed = false;
console.log('## Release pages hydrate');
console.log();
for (const path of ['/en', '/ar/concepts', `/en/concepts/${slug}`]) {
  await page.goto(`${base}${path}`);
  const ok = await page.waitForSelector('html[data-hydrated="true"]', { timeout: 15000 }).then(() => true, () => false);
  console.log(`- \`${path}\`: ${ok ? 'hydrated' : 'NOT hydrated'}`);
  failed ||= !ok;
}
if (problems.length) console.log(`\nErrors in the browser: ${problems.join('; ')}`);
await browser.close();
if (failed || problems.length) process.exit(1);
