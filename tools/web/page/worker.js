// SPDX-License-Identifier: MIT
// The clerk's page's worker: everything that reads a document or a key runs
// here, in the WebAssembly build of the kiosk's core (BangtinCore, from
// core.js, which mkpage.js puts before this file in the worker's source), so
// a hostile or huge file never holds up the page. One message in, one
// answer out: {id, op, ...} -> {id, ok, result | error}.
'use strict';

let core = null;      // the instantiated module
let ctx2d = null;     // an OffscreenCanvas context the layout measures with
let metrics = null;   // the kiosk's font sizes (web-metrics.json)
let outLines = [];    // what the CLI code printed during the current call
let runNo = 0;        // a fresh folder of the in-memory file system per call

// The faces of the board's page, by the kiosk's font index (enum ui_font):
// the document faces are serif, the band's and the interface's sans.
const SANS_FROM = 4;
const fontCss = [];

// The width SDL_ttf gives for this text (ui/font.c's measure(), which is
// TTF_SizeUTF8): the right-most of each glyph's ink right edge and of the
// pen's end, less the ink left of the origin, each ink edge taken at the
// pen position rounded down to a pixel. The pen moves as HarfBuzz moves
// SDL_ttf's, in 64ths of a pixel: each advance and the ink edges are the
// kiosk's own (web-glyphs.json, written by layoutdump --glyphs with SDL_ttf:
// browsers round advances their own way, Firefox to 60ths), each pair's
// kerning the canvas's, rounded to 64ths. The test compares the lines this
// makes with the kiosk's.
let glyphs = null;           // per font*4+style: Map code point -> [minx, maxx]
const advances = new Map();  // font/style/char -> [advance in 64ths, canvas ink edges]
const kerns = new Map();     // font/style/pair -> kerning in 64ths
const widths = new Map();    // font/style/text -> width, for the layout's repeats

function glyphTables(g) {
  const cps = [];
  for (const [lo, hi] of g.ranges) for (let c = lo; c <= hi; c++) cps.push(c);
  return g.faces.map((arr) => {
    const m = new Map();
    cps.forEach((c, i) => { if (arr[3 * i + 2]) m.set(c, [arr[3 * i], arr[3 * i + 1], arr[3 * i + 2]]); });
    return m;
  });
}

function glyphOf(fs, ch) {
  let g = advances.get(fs + ch);
  if (!g) {
    const m = ctx2d.measureText(ch);
    g = [Math.round(m.width * 64), -Math.ceil(m.actualBoundingBoxLeft - 1 / 64),
      Math.ceil(m.actualBoundingBoxRight - 1 / 64), m.width];
    advances.set(fs + ch, g);
  }
  return g;
}

function kernOf(fs, a, b, ga, gb) {
  let k = kerns.get(fs + a + b);
  if (k === undefined) {
    k = Math.round((ctx2d.measureText(a + b).width - ga[3] - gb[3]) * 64);
    kerns.set(fs + a + b, k);
  }
  return k;
}

function measure(font, style, text) {
  const fs = `${font}|${style & 3}|`;
  let w = widths.get(fs + text);
  if (w !== undefined) return w;
  ctx2d.font = fontCss[font][style & 3];
  const table = glyphs && font < 4 ? glyphs[font * 4 + (style & 3)] : null;
  let pen = 0;
  let prev = null;
  let prevG = null;
  let maxR = -Infinity;
  let minL = 0;
  for (const ch of text) {
    const g = glyphOf(fs, ch);
    if (prev !== null) pen += kernOf(fs, prev, ch, prevG, g);
    const px = Math.floor(pen / 64);
    const ink = (table && table.get(ch.codePointAt(0))) || [g[1], g[2], g[0]];
    maxR = Math.max(maxR, px + ink[1]);
    minL = Math.min(minL, px + ink[0]);
    pen += ink[2];
    prev = ch;
    prevG = g;
  }
  w = Math.max(maxR, Math.floor(pen / 64)) - minL;
  if (widths.size > 200000) widths.clear();
  widths.set(fs + text, w);
  return w;
}

function cstr(s) {
  const n = core.lengthBytesUTF8(s) + 1;
  const p = core._web_malloc(n);
  core.stringToUTF8(s, p, n);
  return p;
}

function takeString(p) {
  if (!p) return null;
  const s = core.UTF8ToString(p);
  core._web_free(p);
  return s;
}

// Runs a bangtinctl subcommand with the CLI's own code.
function ctl(args) {
  const ptrs = args.map(cstr);
  const argv = core._web_malloc(4 * (ptrs.length + 1));
  ptrs.forEach((p, i) => core.setValue(argv + 4 * i, p, 'i32'));
  core.setValue(argv + 4 * ptrs.length, 0, 'i32');
  outLines = [];
  const rc = core._web_ctl(ptrs.length, argv);
  ptrs.forEach((p) => core._web_free(p));
  core._web_free(argv);
  return { rc, out: outLines.join('\n') };
}

function rmTree(path) {
  const FS = core.FS;
  if (!FS.analyzePath(path).exists) return;
  for (const name of FS.readdir(path)) {
    if (name === '.' || name === '..') continue;
    const p = path + '/' + name;
    if (FS.isDir(FS.stat(p).mode)) rmTree(p); else FS.unlink(p);
  }
  FS.rmdir(path);
}

function freshDir() {
  const d = '/run' + (++runNo);
  core.FS.mkdir(d);
  return d;
}

function asciiName(name) {
  const p = cstr(name);
  const s = takeString(core._web_ascii_name(p));
  core._web_free(p);
  return s;
}

const ops = {
  async init(msg) {
    metrics = msg.metrics;
    glyphs = glyphTables(msg.glyphs);
    for (const [family, faces] of Object.entries(msg.fonts)) {
      for (const [key, buf] of Object.entries(faces)) {
        const [weight, style] = key.split('-');
        const face = new FontFace(family, buf, { weight, style });
        await face.load();
        self.fonts.add(face);
      }
    }
    metrics.fonts.forEach((f, i) => {
      const fam = i >= SANS_FROM ? 'BtSans' : 'BtSerif';
      fontCss[i] = [
        `${f.px}px ${fam}`, `bold ${f.px}px ${fam}`,
        `italic ${f.px}px ${fam}`, `italic bold ${f.px}px ${fam}`];
    });
    ctx2d = new OffscreenCanvas(8, 8).getContext('2d');
    core = await BangtinCore({
      wasmBinary: msg.wasm,
      print: (s) => outLines.push(s),
      printErr: (s) => outLines.push(s),
      btMeasure: measure,
    });
    core._web_init();
    return true;
  },

  // A new key pair: the CLI's keygen, then the two files' text.
  keygen(msg) {
    const d = freshDir();
    try {
      const r = ctl(['keygen', '--dir', d, msg.name]);
      if (r.rc !== 0) return { rc: r.rc, out: r.out };
      const key = core.FS.readFile(`${d}/${msg.name}.key`, { encoding: 'utf8' });
      const pub = core.FS.readFile(`${d}/${msg.name}.pub`, { encoding: 'utf8' });
      return { rc: 0, out: r.out, key, pub, fingerprint: ops.fingerprint({ pub }) };
    } finally {
      rmTree(d);
    }
  },

  fingerprint(msg) {
    const p = cstr(msg.pub);
    const s = takeString(core._web_fingerprint(p));
    core._web_free(p);
    return s;
  },

  // An opened secret key, read by pack's own loader: its name, public
  // half and fingerprint, or why it is not a key.
  openKey(msg) {
    const d = freshDir();
    try {
      const path = `${d}/${msg.name}`;
      core.FS.writeFile(path, new Uint8Array(msg.bytes));
      core.FS.chmod(path, 0o600); // MEMFS's 0666 is not the file's own mode
      const p = cstr(path);
      const r = JSON.parse(takeString(core._web_secret_check(p)));
      core._web_free(p);
      if (r.error) r.error = r.error.split(path).join(msg.name);
      return r;
    } finally {
      rmTree(d);
    }
  },

  // Widths as the layout gets them (for the test against SDL_ttf's).
  measure(msg) {
    return msg.texts.map((t) => measure(msg.font, msg.style, t));
  },

  asciiName(msg) {
    return asciiName(msg.name);
  },

  // What the parser understands of one file, read as the CLI reads it.
  parse(msg) {
    const d = freshDir();
    try {
      const path = `${d}/${msg.name}`;
      core.FS.writeFile(path, new Uint8Array(msg.bytes));
      const p = cstr(path);
      const json = takeString(core._web_parse(p));
      core._web_free(p);
      const r = JSON.parse(json);
      // The CLI names the file as the clerk gave it; so does the page.
      const shown = msg.shown || msg.name;
      r.file = shown;
      if (r.error) r.error = r.error.split(path).join(shown);
      for (const dg of r.diags) dg.text = dg.text.split(path).join(shown);
      return r;
    } finally {
      rmTree(d);
    }
  },

  // The board's pages of one document of a file.
  layout(msg) {
    const d = freshDir();
    try {
      const path = `${d}/${msg.name}`;
      core.FS.writeFile(path, new Uint8Array(msg.bytes));
      const p = cstr(path);
      const json = takeString(core._web_layout(p, msg.doc, msg.w, msg.h));
      core._web_free(p);
      return JSON.parse(json);
    } finally {
      rmTree(d);
    }
  },

  // The bundle: bangtinctl pack itself, on a folder of this call's own:
  // KEY/NAME.key with NAME.seq holding the last sequence known (the larger
  // of the browser's and the file's), SRC with the documents, DEST made by
  // pack. The answer lists the files in the order pack wrote them
  // (documents, manifest.txt, manifest.sig last) and the new NAME.seq.
  pack(msg) {
    const d = freshDir();
    const FS = core.FS;
    try {
      FS.mkdir(d + '/key');
      FS.mkdir(d + '/src');
      FS.mkdir(d + '/out');
      const keyPath = `${d}/key/${msg.keyName}.key`;
      // The secret is the clerk's alone, as pack requires of a key file
      // (MEMFS would give it 0666).
      FS.writeFile(keyPath, msg.keyText, { mode: 0o600 });
      FS.chmod(keyPath, 0o600);
      if (msg.lastSeq) FS.writeFile(`${d}/key/${msg.keyName}.seq`, `${msg.lastSeq}\n`);
      for (const f of msg.files) FS.writeFile(`${d}/src/${f.name}`, new Uint8Array(f.bytes));
      const args = ['pack', '--key', keyPath, '--mode', msg.mode || 'merge'];
      if (msg.sequence) args.push('--sequence', String(msg.sequence));
      for (const s of msg.withdraw || []) args.push('--withdraw', s);
      for (const s of msg.display || []) args.push('--display', s);
      for (const s of msg.pin || []) args.push('--pin', s);
      args.push(`${d}/src`, `${d}/out/BANGTIN`);
      const env = cstr('SOURCE_DATE_EPOCH');
      const val = cstr(msg.created ? String(msg.created) : '');
      core._web_setenv(env, val);
      core._web_free(env);
      core._web_free(val);
      const r = ctl(args);
      const out = r.out.split(`${d}/src/`).join('').split(`${d}/out/`).join('')
        .split(keyPath).join(`${msg.keyName}.key`);
      if (r.rc !== 0) return { rc: r.rc, out };
      const names = msg.files.map((f) => f.name).sort();
      names.push('manifest.txt', 'manifest.sig');
      const files = names.map((name) => ({
        name, bytes: FS.readFile(`${d}/out/BANGTIN/${name}`).buffer }));
      const seq = FS.readFile(`${d}/key/${msg.keyName}.seq`, { encoding: 'utf8' }).trim();
      const manifest = new TextDecoder().decode(files[files.length - 2].bytes);
      return { rc: 0, out, files, seq, manifest };
    } finally {
      rmTree(d);
    }
  },
};

self.onmessage = async (e) => {
  const msg = e.data;
  try {
    const result = await ops[msg.op](msg);
    const transfer = [];
    if (result && result.files) for (const f of result.files) transfer.push(f.bytes);
    self.postMessage({ id: msg.id, ok: true, result }, transfer);
  } catch (err) {
    self.postMessage({ id: msg.id, ok: false, error: String(err && err.message || err) });
  }
};
