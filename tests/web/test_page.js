// SPDX-License-Identifier: MIT
// The clerk's page (build/web/bangtin-thuky.html) in Debian's chromium,
// headless, opened from file:// as a clerk opens it, driven by puppeteer-core;
// every check is against what bangtinctl and the kiosk do with the same
// files. Run by tests/test_web.sh (which says what it reads). SHOTS=DIR saves
// a screenshot of each step (the clerk's guide, docs/thu-ky/, uses them).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const cp = require('child_process');

const env = process.env;
const src = env.SRCDIR;
const build = env.BUILD;
const ctlBin = env.BANGTINCTL;
const kioskBin = env.BANGTIN;
const page = path.join(build, 'web', 'bangtin-thuky.html');
const puppeteer = require(path.join(build, 'web', 'npm', 'node_modules', 'puppeteer-core'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'test_web.'));
const shots = env.SHOTS || '';

let passed = 0;
let failed = 0;
function ok(what) { passed++; console.log(`ok: ${what}`); }
function bad(what, why) { failed++; console.log(`FAIL: ${what}${why ? ': ' + why : ''}`); }
function check(what, cond, why) { if (cond) ok(what); else bad(what, why); }

function ctl(args, opts) {
  const r = cp.spawnSync(ctlBin, args, Object.assign({ encoding: 'utf8' }, opts || {}));
  return { rc: r.status, out: r.stdout, err: r.stderr };
}

// The documents: the samples, two real documents, made here: a UTF-16
// copy of a sample as Notepad saves "Unicode", a name with diacritics.
const samples = fs.readdirSync(path.join(src, 'data', 'samples')).sort()
  .map((f) => path.join(src, 'data', 'samples', f));
const corpusDir = fs.existsSync(path.join(src, 'tests', 'corpus', '001.txt'))
  ? path.join(src, 'tests', 'corpus') : path.join(src, 'tests', 'web', 'corpus');
const real = corpusDir.endsWith('web/corpus')
  ? ['corpus-001.txt', 'corpus-042.txt'].map((f) => path.join(corpusDir, f))
  : ['001.txt', '042.txt'].map((f) => path.join(corpusDir, f));
const utf16 = path.join(tmp, 'notepad-unicode.txt');
{
  const text = fs.readFileSync(samples[3], 'utf8');
  fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
}
const accented = path.join(tmp, 'Thông báo 320.txt');
fs.copyFileSync(samples[3], accented);

// A document's fields as `bangtinctl show` prints them (--json when this
// bangtinctl has it).
const hasJson = /--json/.test(ctl(['show', '--help']).out);
function cliFields(db, sym) {
  if (hasJson) {
    const r = ctl(['show', '--json', '--db', db, sym]);
    const j = JSON.parse(r.out);
    const d = Array.isArray(j) ? j[0] : j;
    // --json gives the date as YYYY-MM-DD and the signer as an object; the
    // page shows dd/mm/yyyy as show does.
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.date || '');
    return { number: d.number, date: iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : d.date,
      kind: d.kind, issuer: d.issuer, signer: d.signer ? d.signer.name : null };
  }
  const r = ctl(['show', '--db', db, sym]);
  const get = (label) => {
    const m = new RegExp(`^${label}:\\s+(.*)$`, 'm').exec(r.out);
    return m ? m[1].replace(/ \(suy ra\)$/, '') : null;
  };
  const signerLines = /^Người ký:\s+([\s\S]*?)\n(?=\S)/m.exec(r.out);
  let signer = null;
  if (signerLines) {
    const ls = signerLines[1].split('\n').map((s) => s.trim()).filter(Boolean);
    const last = ls[ls.length - 1];
    signer = /^\(không ghi họ tên\)$/.test(last) ? null : last;
  }
  const kind = /\(([^)]+)\)$/.exec(get('Loại') || '');
  return { number: get('Số'), date: get('Ngày'), kind: kind ? kind[1] : null,
    issuer: get('Cơ quan ban hành'), signer };
}

// A screenshot of the step the clerk is at (its section at the top of the
// window), for the guide.
async function shot(p, name, selector) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  if (selector) await p.$eval(selector, (e) => e.scrollIntoView({ block: 'start' }));
  else await p.evaluate(() => window.scrollTo(0, 0));
  await p.screenshot({ path: path.join(shots, name + '.png') });
}

// Files into the page through its "chọn tệp" input, as the clerk's click
// would; the page is done when every file has its answer.
async function upload(p, files) {
  const input = await p.$('#doc-open');
  await input.uploadFile(...files);
  await p.waitForFunction((n) => window.bangtin.state.files.length >= n &&
    window.bangtin.state.files.every((f) => f.result), { timeout: 60000 }, files.length);
}

// The page's table: per file, its documents' fields and its diagnostics.
function pageTable(p) {
  return p.evaluate(() => window.bangtin.state.files.map((f) => ({
    shown: f.shown, name: f.name, error: f.result.error,
    docs: f.result.docs, diags: f.result.diags.map((d) => d.text) })));
}

async function main() {
  const requests = [];
  const browser = await puppeteer.launch({
    executablePath: env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=vi',
      `--user-data-dir=${path.join(tmp, 'profile')}`],
  });
  try {
    const p = await browser.newPage();
    await p.setViewport({ width: 1366, height: 768 });
    p.on('request', (r) => requests.push(r.url()));
    const errors = [];
    p.on('pageerror', (e) => errors.push(e.message));
    const dl = path.join(tmp, 'downloads');
    fs.mkdirSync(dl);
    const cdp = await p.createCDPSession();
    await cdp.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: dl });

    // ---- opened from file://, ready, no network --------------------------
    await p.goto('file://' + page);
    await p.waitForSelector('body[data-ready]', { timeout: 30000 });
    ok(`the page is ready from file:// (${await p.$eval('body', (b) => b.dataset.ready)} ms)`);
    const csp = await p.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    check("the page's policy forbids every connection", /connect-src 'none'/.test(csp) &&
      /default-src 'none'/.test(csp), csp);
    const fetchBlocked = await p.evaluate(async () => {
      try { await fetch('http://127.0.0.1:9/'); return false; } catch (e) { return true; }
    });
    check('a request from the page is refused by its policy', fetchBlocked);
    await shot(p, '01-mo-trang');

    // ---- the key ---------------------------------------------------------------
    await p.$eval('#key-name', (e) => { e.value = 'vp-thu-nghiem'; });
    await p.click('#key-create');
    await p.waitForSelector('#key-info:not([hidden])');
    const key = await p.evaluate(() => window.bangtin.state.key);
    const fp = await p.$eval('#key-fp', (e) => e.textContent);
    const pk = Buffer.from(/^ed25519 ([0-9a-f]{64})\n$/.exec(key.pub)[1], 'hex');
    const want = crypto.createHash('sha256').update(pk).digest('hex').slice(0, 16).toUpperCase()
      .replace(/(.{4})(?!$)/g, '$1 ');
    check(`the key's fingerprint is shown as the board shows it (${fp})`, fp === want, want);
    const keyDir = path.join(tmp, 'keys');
    fs.mkdirSync(keyDir);
    fs.writeFileSync(path.join(keyDir, 'vp-thu-nghiem.key'), key.text, { mode: 0o600 });
    fs.writeFileSync(path.join(keyDir, 'vp-thu-nghiem.pub'), key.pub);
    const pubDir = path.join(tmp, 'trusted');
    fs.mkdirSync(pubDir);
    fs.writeFileSync(path.join(pubDir, 'vp-thu-nghiem.pub'), key.pub);
    await shot(p, '02-tao-khoa', '#step-key');

    // ---- the documents: the page reads them as bangtinctl does -------------
    const dropped = [...samples, ...real, utf16, accented];
    await upload(p, dropped);
    await shot(p, '03-tha-van-ban', '#step-docs');
    const table = await pageTable(p);
    check('every dropped file has its row', table.length === dropped.length, table.length);
    for (const [i, f] of dropped.entries()) {
      const row = table[i];
      const base = path.basename(f);
      const r = ctl(['import', '--db', path.join(tmp, `one-${i}.db`), f]);
      const cliRefused = r.rc !== 0;
      const pageRefused = !!row.error || row.diags.some((d) => / error: /.test(d));
      check(`${base}: the page ${cliRefused ? 'refuses' : 'takes'} it as bangtinctl import does`,
        cliRefused === pageRefused, `cli rc ${r.rc}, page ${JSON.stringify(row.error || row.diags)}`);
      // Each diagnostic is the CLI's own line, naming the file and line.
      const cliLines = ((r.out || '') + (r.err || '')).split('\n').map((l) => l.replace(/^<\d>/, '').replace(/^bangtinctl: /, ''));
      const missing = row.diags.filter((d) => !cliLines.some((l) => l.includes(d.replace(/^[^:]*:/, ''))));
      check(`${base}: its diagnostics are bangtinctl's, with file and line`, missing.length === 0,
        missing.join(' | '));
      if (cliRefused) continue;
      let same = true;
      let why = '';
      for (const d of row.docs) {
        if (!d.number) continue;
        const c = cliFields(path.join(tmp, `one-${i}.db`), d.number);
        const pg = { number: d.number, date: d.date, kind: d.kind, issuer: d.issuer, signer: d.signer_name };
        for (const k of Object.keys(pg)) {
          if ((pg[k] || null) !== (c[k] || null)) { same = false; why += `${d.number} ${k}: page ${pg[k]} cli ${c[k]}; `; }
        }
      }
      check(`${base}: kind, number, date, issuer and signer as bangtinctl show gives them`, same, why);
    }
    const accRow = table[dropped.length - 1];
    check('a name with diacritics gets an ASCII name in the bundle',
      /^[A-Za-z0-9._-]+$/.test(accRow.name) && accRow.name === 'thong-bao-320.txt', accRow.name);
    const warnRows = await p.$$eval('#docs tr.diag', (rs) => rs.map((r) => r.textContent));
    check('warnings are listed with their line and the field in Vietnamese', warnRows.some((t) => /Dòng \d+ · dấu đến:/.test(t)), warnRows[0]);

    // ---- a 1 MiB hostile file leaves the page responsive ----------------------
    const hostile = path.join(tmp, 'hostile.txt');
    fs.writeFileSync(hostile, Buffer.alloc(1 << 20, '| **KẾT LUẬN** Số 1-KL/X ngày 1 tháng 1 năm 2020 |\n'));
    await p.evaluate(() => {
      window.__gaps = { last: performance.now(), max: 0, ticks: 0 };
      window.__tick = setInterval(() => {
        const now = performance.now();
        window.__gaps.max = Math.max(window.__gaps.max, now - window.__gaps.last);
        window.__gaps.last = now;
        window.__gaps.ticks++;
      }, 10);
    });
    const before = table.length;
    // Dropped onto the drop zone, as the clerk drags it from Explorer.
    await p.evaluate((b64) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'hostile.txt', { type: 'text/plain' }));
      document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, fs.readFileSync(hostile).toString('base64'));
    await p.waitForFunction((n) => window.bangtin.state.files.length > n &&
      window.bangtin.state.files.every((f) => f.result), { timeout: 60000 }, before);
    const gaps = await p.evaluate(() => { clearInterval(window.__tick); return window.__gaps; });
    check(`the page kept running while a 1 MiB file was read (longest pause ${Math.round(gaps.max)} ms over ${gaps.ticks} ticks)`,
      gaps.max < 1000 && gaps.ticks > 0, JSON.stringify(gaps));
    const hostileRow = (await pageTable(p))[before];
    const hr = ctl(['import', '--db', path.join(tmp, 'hostile.db'), hostile]);
    check('the hostile file is judged as bangtinctl judges it',
      (hr.rc !== 0) === (!!hostileRow.error || hostileRow.diags.some((d) => / error: /.test(d))));
    // A read that does not end in time: the worker is ended, a new one
    // takes its place, the file is refused saying why, and the page goes on.
    // (1 ms for a 1 MiB file: no worker reads that in time.)
    const slow = path.join(tmp, 'cham.txt');
    fs.copyFileSync(hostile, slow);
    await p.evaluate(() => window.bangtin.setParseLimit(1));
    await (await p.$('#doc-open')).uploadFile(slow);
    await p.waitForFunction(() => window.bangtin.state.files.some((f) => f.result && f.result.error &&
      /đọc quá/.test(f.result.error)), { timeout: 30000 });
    await p.evaluate(() => window.bangtin.setParseLimit(30000));
    const after = await p.evaluate(async () => (await window.bangtin.call('asciiName', { name: 'Kết luận.txt' })));
    check('a read that takes too long is refused, and a new worker answers the next call', after === 'ket-luan.txt', after);
    // Only what pack takes stays: the refused files are removed, as the
    // clerk would after reading why.
    await p.evaluate(() => {
      const st = window.bangtin.state;
      st.files = st.files.filter((f) => !f.result.error && !f.result.diags.some((d) => d.severity === 'error'));
      window.bangtin.renderDocs();
    });

    // ---- correcting a field writes the block the parser reads -----------------
    const target = await p.evaluate(() => window.bangtin.state.files.findIndex((f) => f.name === 'thong-bao-320.txt'));
    const editBtn = (await p.$$(`#docs tbody tr[data-file="Thông báo 320.txt"] button`))[0];
    await editBtn.click();
    await p.waitForSelector('#step-edit:not([hidden])');
    await p.$eval('#edit-form input[name="nguoi-ky"]', (e) => { e.value = 'Nguyễn Văn Thử'; });
    await p.$eval('#edit-form input[name="ngay"]', (e) => { e.value = '13/07/2017'; });
    await shot(p, '04-sua-thong-tin', '#step-edit');
    await p.click('#edit-form button[type=submit]');
    await p.waitForFunction((i) => window.bangtin.state.files[i].result && window.bangtin.state.files[i].edited,
      { timeout: 30000 }, target);
    const edited = await p.evaluate((i) => {
      const f = window.bangtin.state.files[i];
      return { text: new TextDecoder().decode(f.bytes), docs: f.result.docs };
    }, target);
    check('the correction is a block of stated fields at the top of the text',
      edited.text.startsWith('---\nngay: 13/07/2017\nnguoi-ky: Nguyễn Văn Thử\n---\n'), edited.text.slice(0, 80));
    const editedFile = path.join(tmp, 'edited', 'thong-bao-320.txt');
    fs.mkdirSync(path.dirname(editedFile));
    fs.writeFileSync(editedFile, edited.text);
    const er = ctl(['import', '--db', path.join(tmp, 'edited.db'), editedFile]);
    const ec = er.rc === 0 && edited.docs[0].number ? cliFields(path.join(tmp, 'edited.db'), edited.docs[0].number) : null;
    check('the corrected document reads in the page as bangtinctl reads it', er.rc === 0 && ec &&
      ec.signer === edited.docs[0].signer_name && ec.date === edited.docs[0].date, JSON.stringify([ec, edited.docs[0]]));

    // ---- withdraw, pin, a display window --------------------------------------
    const act = async (sym, kind, from, until) => {
      await p.$eval('#act-sym', (e, v) => { e.value = v; }, sym);
      await p.select('#act-kind', kind);
      await p.$eval('#act-from', (e, v) => { e.value = v; }, from || '');
      await p.$eval('#act-until', (e, v) => { e.value = v; }, until || '');
      await p.click('#act-form button[type=submit]');
    };
    await act('999-KL/ĐUK', 'withdraw');
    await act('516-KL/ĐUK', 'pin');
    await act('320-TB/BTCTW', 'display', '2026-01-01', '2026-12-31');
    check('three board actions are listed', (await p.$$('#acts li')).length === 3);
    await shot(p, '05-tren-bang-tin', '#step-board');
    // The board's pages of the Thông báo, as the clerk opens them.
    const pvBtn = (await p.$$(`#docs tbody tr[data-file="Thông báo 320.txt"] button`))[1];
    await pvBtn.click();
    await p.waitForSelector('#step-preview:not([hidden])');
    await p.waitForFunction(() => /Trang 1\/\d+/.test(document.getElementById('pv-page').textContent));
    check('the preview shows the first of the board\'s pages', true);
    await shot(p, '06-xem-truoc', '#step-preview');

    // ---- the bundle: the zip the clerk downloads ------------------------------
    await p.click('#pack-zip');
    await p.waitForSelector('#pack-steps:not([hidden])', { timeout: 30000 });
    await shot(p, '07-dong-goi', '#step-pack');
    let zip = null;
    for (let i = 0; i < 100 && !zip; i++) {
      const z = fs.readdirSync(dl).filter((f) => /^BANGTIN-\d+\.zip$/.test(f));
      if (z.length) zip = path.join(dl, z[0]); else await new Promise((r) => setTimeout(r, 100));
    }
    check('the page gives a .zip', !!zip);
    check('and says in Vietnamese what it packed', /^Đã đóng gói \d+ tệp văn bản, số thứ tự \d+/.test(
      await p.$eval('#pack-done', (e) => e.textContent)));
    const unz = path.join(tmp, 'stick');
    fs.mkdirSync(unz);
    cp.execFileSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, unz]);
    const bundle = path.join(unz, 'BANGTIN');
    const seq = Number(/^sequence (\d+)$/m.exec(fs.readFileSync(path.join(bundle, 'manifest.txt'), 'utf8'))[1]);
    const v = ctl(['verify', '--keys', pubDir, bundle]);
    check('Linux bangtinctl verify accepts the bundle the page made', v.rc === 0, v.out + v.err);
    const manifest = fs.readFileSync(path.join(bundle, 'manifest.txt'), 'utf8');
    check('the manifest holds the withdrawal, the pin and the window',
      /^withdraw 999-KL\/ĐUK$/m.test(manifest) && /516-KL\/ĐUK/.test(manifest) && /320-TB\/BTCTW/.test(manifest), manifest);
    const seqNow = await p.evaluate(() => localStorage.getItem(
      `bangtin.seq.${window.bangtin.state.key.name}.${window.bangtin.state.key.fingerprint}`));
    check('the sequence is kept in the browser', Number(seqNow) === seq, `${seqNow} vs ${seq}`);
    check('and offered as NAME.seq beside the key', !(await p.$eval('#seq-save', (e) => e.hidden)));

    // The board applies it: the kiosk's own update code, on a copy of a
    // board's database holding the samples (what verify --db runs).
    const board = path.join(tmp, 'board.db');
    ctl(['import', '--db', board, path.join(src, 'data', 'samples')]);
    const va = ctl(['verify', '--keys', pubDir, '--db', board, bundle]);
    check('the kiosk applies it on a board that has the samples', va.rc === 0 && /would be applied/.test(va.out) &&
      /Đã cập nhật nội dung/.test(va.out), va.out + va.err);

    // A second bundle from a fresh browser profile (the sequence lost with
    // it): the NAME.seq beside the key keeps the board from refusing it.
    const seq2 = await p.evaluate(async () => {
      localStorage.clear();
      const st = window.bangtin.state;
      const r = await window.bangtin.call('pack', {
        keyName: st.key.name, keyText: st.key.text, lastSeq: st.seqFile, mode: 'merge',
        files: st.files.slice(0, 1).map((f) => ({ name: f.name, bytes: f.bytes.slice(0) })) });
      return Number(r.seq);
    });
    check('with the browser\'s memory lost, NAME.seq still gives a larger sequence', seq2 > seq, `${seq2} <= ${seq}`);

    // ---- the same bundle, byte for byte, from bangtinctl -----------------------
    const same = await p.evaluate(async () => {
      const st = window.bangtin.state;
      const r = await window.bangtin.call('pack', {
        keyName: st.key.name, keyText: st.key.text, mode: 'merge', sequence: 4000000001,
        created: 1764000000, pin: ['516-KL/ĐUK'], display: ['320-TB/BTCTW:2026-01-01:2026-12-31'],
        files: st.files.map((f) => ({ name: f.name, bytes: f.bytes.slice(0) })) });
      return { rc: r.rc, out: r.out, files: r.files.map((f) => ({ name: f.name, bytes: Array.from(new Uint8Array(f.bytes)) })) };
    });
    const srcDir = path.join(tmp, 'src');
    fs.mkdirSync(srcDir);
    const pageFiles = await p.evaluate(() => window.bangtin.state.files.map((f) => ({ name: f.name, bytes: Array.from(new Uint8Array(f.bytes)) })));
    for (const f of pageFiles) fs.writeFileSync(path.join(srcDir, f.name), Buffer.from(f.bytes));
    const cliKeyDir = path.join(tmp, 'cli-key');
    fs.mkdirSync(cliKeyDir);
    fs.copyFileSync(path.join(keyDir, 'vp-thu-nghiem.key'), path.join(cliKeyDir, 'vp-thu-nghiem.key'));
    const cliOut = path.join(tmp, 'cli-bundle');
    const pr = ctl(['pack', '--key', path.join(cliKeyDir, 'vp-thu-nghiem.key'), '--sequence', '4000000001',
      '--display', '320-TB/BTCTW:2026-01-01:2026-12-31', '--pin', '516-KL/ĐUK', srcDir, cliOut],
      { env: Object.assign({}, env, { SOURCE_DATE_EPOCH: '1764000000', TZ: env.TZ || 'UTC' }) });
    let identical = pr.rc === 0 && same.rc === 0 && same.files.length === fs.readdirSync(cliOut).length;
    for (const f of same.files) {
      if (!identical) break;
      identical = Buffer.from(f.bytes).equals(fs.readFileSync(path.join(cliOut, f.name)));
      if (!identical && env.KEEP) fs.writeFileSync(path.join(tmp, 'page-' + f.name), Buffer.from(f.bytes));
    }
    check(`bangtinctl pack and the page make byte-identical bundles (${same.files.length} files)`, identical,
      pr.err + same.out);

    // ---- a wrong key, a tampered key, a tampered bundle ------------------------
    const other = ctl(['keygen', '--dir', tmp, 'khac']);
    const wrongTrust = path.join(tmp, 'wrong-trust');
    fs.mkdirSync(wrongTrust);
    if (other.rc === 0) fs.copyFileSync(path.join(tmp, 'khac.pub'), path.join(wrongTrust, 'khac.pub'));
    const vw = ctl(['verify', '--keys', wrongTrust, bundle]);
    check('a board that trusts another key refuses the page\'s bundle, as a CLI bundle', vw.rc === 1, vw.out);
    const badKey = path.join(tmp, 'hong.key');
    const kt = key.text.replace(/[0-9a-f](?=\n)/, (c) => (c === '0' ? '1' : '0'));
    fs.writeFileSync(badKey, kt, { mode: 0o600 });
    const open = await p.evaluate(async (text) => window.bangtin.call('openKey',
      { name: 'hong.key', bytes: new TextEncoder().encode(text).buffer }), kt);
    const cr = ctl(['pack', '--key', badKey, srcDir, path.join(tmp, 'never')]);
    check('a tampered key is refused by the page with bangtinctl\'s reason',
      !!open.error && cr.rc !== 0 && cr.err.includes(open.error), `${open.error} | ${cr.err}`);
    const pubAsKey = await p.evaluate(async (text) => window.bangtin.call('openKey',
      { name: 'sai.key', bytes: new TextEncoder().encode(text).buffer }), key.pub);
    check('a public key opened as the secret one is refused', !!pubAsKey.error, JSON.stringify(pubAsKey));
    const tampered = path.join(tmp, 'tampered');
    fs.cpSync(bundle, tampered, { recursive: true });
    const firstDoc = fs.readdirSync(tampered).find((f) => f.endsWith('.txt') && f !== 'manifest.txt');
    fs.appendFileSync(path.join(tampered, firstDoc), 'x');
    const vt = ctl(['verify', '--keys', pubDir, tampered]);
    check('a tampered file of the page\'s bundle is refused by the board', vt.rc === 1, vt.out);

    // ---- the board's pages: the kiosk's layout, the browser's measures ----------
    const layoutDump = path.join(build, 'web', 'layoutdump');
    let lines = 0;
    let sameLines = 0;
    let docsCompared = 0;
    let samePages = 0;
    let boxSame = 0;
    const diffs = [];
    for (const f of [...samples, ...real]) {
      for (const [w, h] of [[1920, 1080], [1080, 1920]]) {
        for (let doc = 0; doc < 4; doc++) {
          const nat = cp.spawnSync(layoutDump, [path.join(src, 'fonts'), `${w}x${h}`, f, String(doc)], { encoding: 'utf8' });
          if (nat.status !== 0) break;
          const a = JSON.parse(nat.stdout);
          const b = await p.evaluate((bytes, doc, w, h) => window.bangtin.call('layout',
            { name: 'x.txt', bytes: new Uint8Array(bytes).buffer, doc, w, h }), Array.from(fs.readFileSync(f)), doc, w, h);
          docsCompared++;
          if (JSON.stringify(a.box) === JSON.stringify(b.box)) boxSame++;
          if (a.pages.length === b.pages.length) samePages++;
          const key = (L) => L.pages.flatMap((pg, i) => pg.map((l) => `${i}|${l.p}|${l.y}|${l.runs.map((r) => `${r.x}:${r.t}`).join(' ')}`));
          const ka = key(a);
          const kb = new Set(key(b));
          lines += ka.length;
          for (const l of ka) if (kb.has(l)) sameLines++; else if (diffs.length < 5) diffs.push(`${path.basename(f)} ${w}x${h} #${doc}: ${l}`);
        }
      }
    }
    check(`the page's box is the kiosk's for every document and orientation (${boxSame}/${docsCompared})`, boxSame === docsCompared);
    for (const d of diffs) console.log(`note: differs: ${d}`);
    check(`every line of ${docsCompared} layouts breaks where the kiosk breaks it, on the same page, ` +
      `every word at the same x (${sameLines}/${lines} lines)`, sameLines === lines && lines > 0);
    check(`every document has the kiosk's page count (${samePages}/${docsCompared})`, samePages === docsCompared);

    // Pixels, loosely: the first page of 320-TB/BTCTW drawn by the page and
    // by bangtin --shot (the reader), inside the page box. (A document that
    // another forwards gets a note on the board, from the board's database,
    // which the page does not have: this one has none.)
    const db = path.join(tmp, 'shot.db');
    ctl(['import', '--db', db, path.join(src, 'data', 'samples')]);
    for (const [w, h, name] of [[1920, 1080, 'ngang'], [1080, 1920, 'doc']]) {
      const kpng = path.join(tmp, `kiosk-${name}.png`);
      const kr = cp.spawnSync(kioskBin, ['--config', path.join(src, 'data', 'bangtin.conf'), '--db', db,
        '--size', `${w}x${h}`, '--screen', 'reader:320-TB/BTCTW', '--shot', kpng], { encoding: 'utf8' });
      const f = samples[3];
      const res = await p.evaluate(async (bytes, w, h) => {
        const L = await window.bangtin.call('layout', { name: 'x.txt', bytes: new Uint8Array(bytes).buffer, doc: 0, w, h });
        const c = document.createElement('canvas');
        window.bangtin.drawPage(c, L, 0, w, h);
        return { png: c.toDataURL('image/png'), box: L.box };
      }, Array.from(fs.readFileSync(f)), w, h);
      const ppng = path.join(tmp, `page-${name}.png`);
      fs.writeFileSync(ppng, Buffer.from(res.png.split(',')[1], 'base64'));
      if (shots) fs.copyFileSync(ppng, path.join(shots, `08-trang-${name}.png`));
      const [bx, by, bw, bh] = res.box;
      const crop = `${bw}x${bh}+${bx}+${by}`;
      const cmp = cp.spawnSync('compare', ['-metric', 'RMSE', '-fuzz', '20%',
        `${kpng}[${crop}]`, `${ppng}[${crop}]`, 'null:'], { encoding: 'utf8' });
      const m = /\(([0-9.e-]+)\)/.exec(cmp.stderr || '');
      const rmse = m ? Number(m[1]) : NaN;
      check(`the ${name} page drawn in the browser matches bangtin --shot loosely (RMSE ${rmse.toFixed(3)})`,
        kr.status === 0 && rmse < 0.2, `${kr.status} ${kr.stderr || ''} ${cmp.stderr}`);
    }

    // Straight onto the stick: the File System Access API is where the
    // browser offers it. A headless browser has no folder picker, so the
    // picker is replaced by an in-memory folder that records every write;
    // the page's own code does the rest.
    check('the page offers writing onto the stick where the browser can',
      !(await p.$eval('#pack-stick', (e) => e.hidden)));
    await p.evaluate(() => {
      // A folder handle of the File System Access API, in memory: files are
      // written only when their writable closes; log says in what order.
      window.__log = [];
      function dir(name) {
        const d = { kind: 'directory', name, entries: new Map() };
        d.getDirectoryHandle = async (n, o) => {
          if (!d.entries.has(n)) {
            if (!o || !o.create) throw new DOMException('no ' + n, 'NotFoundError');
            d.entries.set(n, dir(n));
          }
          return d.entries.get(n);
        };
        d.getFileHandle = async (n, o) => {
          if (!d.entries.has(n)) {
            if (!o || !o.create) throw new DOMException('no ' + n, 'NotFoundError');
            d.entries.set(n, { kind: 'file', name: n, data: null,
              getFile: async function () { return new File([this.data || ''], n); },
              createWritable: async function () {
                const parts = [];
                const f = this;
                return { write: async (x) => parts.push(x),
                  close: async () => {
                    f.data = await new Blob(parts).arrayBuffer();
                    // A failing stick: what is read back is not what was written.
                    if (window.__corrupt && f.data.byteLength) new Uint8Array(f.data)[0] ^= 1;
                    window.__log.push(`${name}/${n}`);
                  } };
              } });
          }
          return d.entries.get(n);
        };
        d.keys = async function* () { for (const k of d.entries.keys()) yield k; };
        d.values = async function* () { for (const v of d.entries.values()) yield v; };
        return d;
      }
      window.__stick = dir('USB');
      window.__keydir = dir('Bang tin');
      window.showDirectoryPicker = async (o) => (o && o.id === 'bangtin-key' ? window.__keydir : window.__stick);
    });
    // The key folder: the key and a NAME.seq far ahead of the clock, as a
    // second PC would find them; the page must go on above it.
    const ahead = Math.floor(Date.now() / 1000) + 10000000;
    await p.evaluate(async (keyText, ahead) => {
      const put = async (n, t) => { const h = await window.__keydir.getFileHandle(n, { create: true });
        const w = await h.createWritable(); await w.write(t); await w.close(); };
      await put('vp-thu-nghiem.key', keyText);
      await put('vp-thu-nghiem.seq', `${ahead}\n`);
    }, key.text, ahead);
    await p.click('#key-open-dir');
    await p.waitForFunction((a) => window.bangtin.state.seqFile === a, { timeout: 10000 }, ahead);
    await p.evaluate(() => { window.__log = []; });
    await p.click('#pack-stick');
    await p.waitForFunction(() => window.__log.some((l) => l.endsWith('manifest.sig')), { timeout: 30000 });
    const log = await p.evaluate(() => window.__log);
    const onStick = log.filter((l) => l.startsWith('BANGTIN/'));
    check('onto the stick: BANGTIN/ with the documents first and manifest.sig last',
      onStick.length >= 3 && onStick[onStick.length - 1] === 'BANGTIN/manifest.sig' &&
      onStick[onStick.length - 2] === 'BANGTIN/manifest.txt', onStick.join(' '));
    const stickSeq = await p.evaluate(async () => {
      const d = await window.__stick.getDirectoryHandle('BANGTIN');
      const m = new TextDecoder().decode((await d.getFileHandle('manifest.txt')).data);
      const seqFile = new TextDecoder().decode((await window.__keydir.getFileHandle('vp-thu-nghiem.seq')).data);
      return { m: Number(/^sequence (\d+)$/m.exec(m)[1]), f: Number(seqFile.trim()) };
    });
    check(`the sequence goes on above NAME.seq beside the key (${stickSeq.m}) and is written back there`,
      stickSeq.m === ahead + 1 && stickSeq.f === ahead + 1 && log.includes('Bang tin/vp-thu-nghiem.seq'), JSON.stringify(stickSeq));
    const readBack = await p.evaluate(async () => {
      const d = await window.__stick.getDirectoryHandle('BANGTIN');
      const out = {};
      for await (const [n, h] of d.entries) out[n] = Array.from(new Uint8Array(h.data));
      return out;
    });
    const wroteSig = readBack['manifest.sig'] && Buffer.from(readBack['manifest.sig']).toString();
    check('what is on the stick is what pack made (signed by this key)', /^ed25519 vp-thu-nghiem [0-9a-f]{128}\n$/.test(wroteSig || ''), wroteSig);
    check('the page says where the bundle went and what to do next',
      /Đã ghi gói số \d+ vào USB\\BANGTIN/.test(await p.$eval('#pack-done', (e) => e.textContent)));
    await shot(p, '09-ghi-usb', '#step-pack');
    await p.evaluate(() => { window.__log = []; });
    await p.click('#pack-stick');
    await p.waitForSelector('#pack-error:not([hidden])', { timeout: 10000 });
    const again = await p.evaluate(() => ({ log: window.__log, err: document.getElementById('pack-error').textContent }));
    check('a stick that already holds a BANGTIN is never written over', again.log.length === 0 &&
      /BANGTIN đã có/.test(again.err), JSON.stringify(again));
    await p.evaluate(() => { window.__stick.entries.clear(); window.__corrupt = true; });
    await p.click('#pack-stick');
    await p.waitForFunction(() => /đọc lại không đúng/.test(document.getElementById('pack-error').textContent),
      { timeout: 30000 });
    check('a stick that does not keep what was written is caught by reading it back', true);
    await p.evaluate(() => { window.__corrupt = false; });
    if (shots) {
      await p.evaluate(() => document.querySelector('#step-preview').scrollIntoView());
    }

    check('no script error on the page', errors.length === 0, errors.join(' | '));
    const outside = requests.filter((u) => !(u === 'file://' + page || u.startsWith('data:') || u.startsWith('blob:')));
    check(`no request left the page (${requests.length} loads, all the page itself, data: or blob:)`,
      outside.length === 0, outside.join(' '));
  } finally {
    await browser.close();
  }
}

main().catch((e) => { bad('the page test ran to its end', e.stack); }).finally(() => {
  if (!env.KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
});
