// Checks pages of "guidelint render --format html" in real Chromium
// (Debian's /usr/bin/chromium, never a downloaded browser), at a phone's
// width (390 px) and a laptop's (1280 px):
//
//   - every visible text is at least 12 px (answers in <details> opened);
//   - at 390 px the page does not scroll sideways;
//   - ids are unique, and every link of the table of contents and every
//     heading's own link points at an element of the page;
//   - axe-core finds no serious or critical accessibility violation (at
//     390 px).
//
// A full-page screenshot of each page at each width goes to the artifacts
// folder (not committed), to look at by eye.
//
// Before the pages, the same checks run on a page made to break each of
// them, and must report each break: a check that cannot fail is no check.
//
// Usage: node check.mjs ARTIFACTS_DIR PAGE.html...
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const WIDTHS = [390, 1280];
const MIN_FONT_PX = 12;

const [artifacts, ...pages] = process.argv.slice(2);
if (!artifacts || pages.length === 0) {
  console.error('usage: node check.mjs ARTIFACTS_DIR PAGE.html...');
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

// Measured in the page: what the checks need, as plain data.
function measure(minFont) {
  for (const d of document.querySelectorAll('details')) d.open = true;
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    if (!text) continue;
    const el = n.parentElement;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || style.display === 'none') continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const box = range.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue; // not shown
    // Text in an SVG is scaled with its picture: a 16 px font in a
    // 960-wide viewBox drawn 300 px wide shows at 5 px.
    let size = parseFloat(style.fontSize);
    if (el instanceof SVGGraphicsElement && el.getScreenCTM()) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    size = Math.round(size * 10) / 10;
    if (size < minFont) small.push(`${size}px <${el.localName} class="${el.getAttribute('class') || ''}">: ${text.slice(0, 60)}`);
  }
  const ids = new Map();
  for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  const duplicateIds = [...ids].filter(([, n]) => n > 1).map(([id]) => id);
  const tocLinks = [...document.querySelectorAll('nav.toc a[href]')];
  const ownLinks = [...document.querySelectorAll('h2 a.self[href]')];
  const broken = [...tocLinks, ...ownLinks]
    .map((a) => a.getAttribute('href'))
    .filter((h) => !h.startsWith('#') || !document.getElementById(decodeURIComponent(h.slice(1))));
  const scroller = document.scrollingElement;
  return {
    small,
    duplicateIds,
    tocLinks: tocLinks.length,
    broken,
    scrollWidth: scroller.scrollWidth,
    clientWidth: scroller.clientWidth,
  };
}

// check loads the page at each width and returns its problems, each a
// string starting with the check's name.
async function check(page, load, name, { screenshots = true } = {}) {
  const problems = [];
  for (const width of WIDTHS) {
    await page.setViewport({ width, height: 900 });
    await load();
    const m = await page.evaluate(measure, MIN_FONT_PX);
    for (const s of m.small) problems.push(`font@${width}: ${s}`);
    if (width < 600 && m.scrollWidth > m.clientWidth) {
      problems.push(`scroll@${width}: the page is ${m.scrollWidth} px wide in a ${m.clientWidth} px window`);
    }
    for (const id of m.duplicateIds) problems.push(`ids@${width}: id "${id}" is not unique`);
    if (m.tocLinks === 0) problems.push(`toc@${width}: no table of contents (nav.toc) links`);
    for (const h of m.broken) problems.push(`toc@${width}: link ${h} points at no element`);
    // axe-core runs at the first width only: the page's markup and colours
    // are the same at both, and a run is the slowest step (seconds on a
    // busy 2-core machine).
    const axe = width !== WIDTHS[0] ? [] : await runAxe(page);
    for (const v of axe) {
      if (v.impact === 'serious' || v.impact === 'critical') {
        problems.push(`axe@${width}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).join(', ')}`);
      }
    }
    if (screenshots && !process.env.NO_SHOTS) {
      await page.screenshot({ path: join(artifacts, `${name}-${width}.jpg`), type: 'jpeg', quality: 80, fullPage: true });
    }
  }
  return problems;
}

async function runAxe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

// A page that breaks every check once.
const brokenPage = `<!DOCTYPE html><html><head><title>broken</title></head><body>
<nav class="toc"><a href="#nowhere">Gone</a></nav>
<h2 id="twice"><a class="self" href="#twice">Twice</a></h2><p id="twice">again</p>
<p style="font-size: 5px">tiny</p>
<svg viewBox="0 0 960 100" style="width: 300px"><text x="0" y="50" font-size="16">shrunk</text></svg>
<div style="width: 2000px">wide</div>
<p style="color: #ccc; background: #fff">faint</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
</body></html>`;

const profile = mkdtempSync(join(tmpdir(), 'guidelint-test-page-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  pipe: true,
  userDataDir: profile,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--hide-scrollbars',
  ],
});
let failed = false;
try {
  const page = await browser.newPage();
  // The pages are self-contained: any request but the page itself (and
  // the inline data: image of the broken page) is a bug.
  await page.setRequestInterception(true);
  const requests = [];
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('file:') || url.startsWith('data:') || url === 'about:blank') return req.continue();
    requests.push(url);
    req.abort();
  });

  const selfTest = await check(page, () => page.setContent(brokenPage, { waitUntil: 'load' }), 'self-test', { screenshots: false });
  for (const want of ['font@390', 'font@1280', '<text class="">: shrunk', 'scroll@390', 'ids@', 'toc@390: link #nowhere', 'axe@390: serious color-contrast', 'axe@390: critical image-alt']) {
    if (!selfTest.some((p) => p.startsWith(want) || p.includes(want))) {
      console.error(`FAIL self-test: the broken page did not fail "${want}"; it reported:\n  ${selfTest.join('\n  ')}`);
      failed = true;
    }
  }
  if (!failed) console.log(`ok   self-test: the broken page fails every check (${selfTest.length} problems)`);

  for (const file of pages) {
    const url = pathToFileURL(resolve(file)).href;
    const name = basename(file).replace(/\.html$/, '');
    const started = Date.now();
    const problems = await check(page, () => page.goto(url, { waitUntil: 'load' }), name);
    for (const r of requests.splice(0)) problems.push(`offline: the page requested ${r}`);
    if (problems.length > 0) {
      failed = true;
      console.error(`FAIL ${file}:\n  ${problems.join('\n  ')}`);
    } else {
      console.log(`ok   ${file} at ${WIDTHS.join(' and ')} px (${Date.now() - started} ms)`);
    }
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`screenshots: ${artifacts}`);
process.exit(failed ? 1 : 0);
