// SPDX-License-Identifier: MIT
// make bench (and make bench-web): the clerk's page's figures, in headless
// chromium from file://, written into BENCHMARKS.md's section "The clerk's
// page" (replaced; the rest of the file is kept): the page's size (and
// zipped, as it travels by mail), the time from opening it to ready
// (fonts loaded, the WebAssembly running in its worker; median of RUNS
// fresh loads), and the time to pack 100 documents (the worker's pack call:
// parse, sign, write; median of 3). Figures only: no test asserts a time.
// Reads BUILD and SRCDIR; BENCH_OUT is the report (default BENCHMARKS.md).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const cp = require('child_process');

const src = process.env.SRCDIR || path.resolve(__dirname, '..', '..');
const build = process.env.BUILD || path.join(src, 'build');
const out = process.env.BENCH_OUT || path.join(src, 'BENCHMARKS.md');
const page = path.join(build, 'web', 'bangtin-thuky.html');
const puppeteer = require(path.join(build, 'web', 'npm', 'node_modules', 'puppeteer-core'));
const RUNS = 7;
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };

async function main() {
  const html = fs.readFileSync(page);
  const zipped = zlib.gzipSync(html, { level: 9 }).length;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench_web.'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${tmp}`],
  });
  const ready = [];
  let p;
  for (let i = 0; i < RUNS; i++) {
    p = await browser.newPage();
    await p.goto('file://' + page);
    await p.waitForSelector('body[data-ready]', { timeout: 60000 });
    ready.push(await p.evaluate(() => Number(document.body.dataset.readyNav)));
    if (i < RUNS - 1) await p.close();
  }
  // 100 documents: the samples' files, copied under new names until there
  // are 100 documents.
  const samples = fs.readdirSync(path.join(src, 'data', 'samples')).sort()
    .map((f) => fs.readFileSync(path.join(src, 'data', 'samples', f)));
  const pack = await p.evaluate(async (files) => {
    const key = await window.bangtin.call('keygen', { name: 'bench' });
    const docs = [];
    let n = 0;
    for (let i = 0; n < 100; i++) {
      const bytes = new Uint8Array(files[i % files.length]).buffer;
      const r = await window.bangtin.call('parse', { name: `d${i}.txt`, bytes: bytes.slice(0) });
      n += r.docs.length;
      docs.push({ name: `d${String(i).padStart(3, '0')}.txt`, bytes });
    }
    const times = [];
    let res;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      res = await window.bangtin.call('pack', { keyName: 'bench', keyText: key.key, mode: 'merge',
        files: docs.map((d) => ({ name: d.name, bytes: d.bytes.slice(0) })) });
      times.push(performance.now() - t);
      if (res.rc !== 0) throw new Error(res.out);
    }
    return { n, files: docs.length, times };
  }, samples.map((b) => Array.from(b)));
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });

  const mb = (n) => (n / 1048576).toFixed(2);
  const readyMs = Math.round(median(ready));
  const packMs = Math.round(median(pack.times));
  const verdict = (ok) => (ok ? 'met' : '**not met**');
  const chrome = cp.execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const section = `## The clerk's page

\`make bench\` (tools/bench/web.js) opens build/web/bangtin-thuky.html from
file:// in headless ${chrome} on this machine (${os.cpus().length} cores,
${os.cpus()[0].model}), run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.

| measure | figure | target | |
| --- | --- | --- | --- |
| the page, one file | ${mb(html.length)} MB (${mb(zipped)} MB gzipped) | ≤ 3 MB | ${verdict(html.length <= 3 * 1048576)} |
| opening to ready (fonts, WebAssembly in its worker), median of ${RUNS} | ${readyMs} ms (all: ${ready.map(Math.round).join(', ')}) | ≤ 1 s | ${verdict(readyMs <= 1000)} |
| pack ${pack.n} documents (${pack.files} files: parse, sign, write), median of 3 | ${packMs} ms (all: ${pack.times.map(Math.round).join(', ')}) | ≤ 2 s | ${verdict(packMs <= 2000)} |
`;
  let text = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Benchmarks\n';
  const re = /## The clerk's page\n[\s\S]*?(?=\n## |$)/;
  text = re.test(text) ? text.replace(re, section.trimEnd() + '\n') : text.trimEnd() + '\n\n' + section;
  fs.writeFileSync(out, text);
  process.stdout.write(section);
}

main().catch((e) => { console.error(`bench web: ${e.stack}`); process.exit(1); });
