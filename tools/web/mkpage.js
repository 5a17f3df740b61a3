// SPDX-License-Identifier: MIT
// mkpage.js WEBDIR OUT: puts the clerk's page together as one file: the
// page's style and script, the worker's source (core.js then worker.js), the
// WebAssembly, the fonts (cut by make web) and fflate (the .zip), all inline.
// The Content-Security-Policy allows the page's own script and style (by
// hash), fonts and images from data, the worker from a blob, WebAssembly,
// and nothing else: no request of any kind leaves the page, so a secret key
// opened in it cannot leave the PC.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const [web, out] = process.argv.slice(2);
const here = path.join(__dirname, 'page');
const read = (p) => fs.readFileSync(p, 'utf8');
const b64 = (p) => fs.readFileSync(p).toString('base64');
const sha = (s) => `'sha256-${crypto.createHash('sha256').update(s, 'utf8').digest('base64')}'`;

// A script element's text must not close the element early.
const safe = (s) => s.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');

const faces = {
  BtSerif: {
    'normal-normal': 'NotoSerif-Regular', 'bold-normal': 'NotoSerif-Bold',
    'normal-italic': 'NotoSerif-Italic', 'bold-italic': 'NotoSerif-BoldItalic',
  },
  BtSans: { 'normal-normal': 'NotoSans-Regular', 'bold-normal': 'NotoSans-Bold' },
};
// The fonts go in once, as data the page hands to FontFace (and to the
// worker, which measures with them), not as @font-face rules too.
const fontData = {};
for (const [family, styles] of Object.entries(faces)) {
  fontData[family] = {};
  for (const [key, file] of Object.entries(styles)) {
    fontData[family][key] = b64(path.join(web, 'fonts', file + '.woff2'));
  }
}

const style = read(path.join(here, 'style.css'));
const data = {
  metrics: JSON.parse(read(path.join(web, 'gen', 'web-metrics.json'))),
  glyphs: JSON.parse(read(path.join(web, 'gen', 'web-glyphs.json'))),
  fonts: fontData,
};
const fflate = read(path.join(web, 'npm', 'node_modules', 'fflate', 'umd', 'index.js'));
const script = `${fflate}\n;${read(path.join(here, 'app.js'))}`;
const worker = `${read(path.join(web, 'core.js'))}\n;${read(path.join(here, 'worker.js'))}`;

const csp = [
  "default-src 'none'",
  `script-src ${sha(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha(style)}`,
  'img-src data: blob:',
  'worker-src blob:',
  "connect-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "media-src 'none'",
  "manifest-src 'none'",
].join('; ');

let html = read(path.join(here, 'index.html'));
const parts = {
  CSP: csp,
  STYLE: style,
  SCRIPT: safe(script),
  WORKER: safe(worker),
  WASM: b64(path.join(web, 'core.wasm')),
  DATA: safe(JSON.stringify(data)),
};
html = html.replace(/@@(CSP|STYLE|SCRIPT|WORKER|WASM|DATA)@@/g, (m, k) => parts[k]);
fs.writeFileSync(out + '.tmp', html);
fs.renameSync(out + '.tmp', out);
console.log(`mkpage: ${out}: ${Buffer.byteLength(html)} bytes`);
