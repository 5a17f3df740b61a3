// SPDX-License-Identifier: MIT
// The clerk's page: the key, the documents and what the parser understood of
// them, the clerk's corrections (a block of stated fields at the top of the
// text), what to do with documents already on the board, the board's pages,
// and the bundle written onto the stick or into a .zip. Every reading of a
// document or key happens in the worker (worker.js, the kiosk's own C code in
// WebAssembly); this file only shows and asks.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const data = JSON.parse($('page-data').textContent);

  // ---- the worker ---------------------------------------------------------
  // A call that takes longer than this (a hostile file the parser is slow
  // on) ends the worker; a new one takes its place and the file is refused.
  const CALL_LIMIT_MS = 60000;
  let PARSE_LIMIT_MS = 30000;
  let worker = null;
  let calls = new Map();
  let nextId = 1;
  let workerInit = null;

  function b64bytes(s) {
    const bin = atob(s.trim());
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }

  function startWorker() {
    const src = $('worker-src').textContent;
    worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
    calls = new Map();
    worker.onmessage = (e) => {
      const c = calls.get(e.data.id);
      if (!c) return;
      calls.delete(e.data.id);
      clearTimeout(c.timer);
      if (e.data.ok) c.resolve(e.data.result); else c.reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      for (const c of calls.values()) { clearTimeout(c.timer); c.reject(new Error(e.message)); }
      calls.clear();
    };
    const fonts = {};
    for (const [fam, faces] of Object.entries(data.fonts)) {
      fonts[fam] = {};
      for (const [k, v] of Object.entries(faces)) fonts[fam][k] = b64bytes(v);
    }
    workerInit = rawCall({ op: 'init', wasm: b64bytes($('wasm-b64').textContent),
      fonts, metrics: data.metrics, glyphs: data.glyphs }, 60000);
    return workerInit;
  }

  function rawCall(msg, limit) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        calls.delete(id);
        worker.terminate();
        reject(new Error('timeout'));
        // The other calls in the ended worker will not answer: they fail.
        for (const c of calls.values()) { clearTimeout(c.timer); c.reject(new Error('worker restarted')); }
        startWorker();
      }, limit || CALL_LIMIT_MS);
      calls.set(id, { resolve, reject, timer });
      msg.id = id;
      worker.postMessage(msg);
    });
  }

  async function call(op, msg, limit) {
    await workerInit;
    return rawCall(Object.assign({ op }, msg || {}), limit);
  }

  // ---- state ---------------------------------------------------------------
  const state = {
    key: null,        // {name, text (NAME.key), pub, fingerprint, dir (a folder handle)}
    seqFile: 0,       // the last sequence read from NAME.seq beside the key
    files: [],        // {shown, name (in the bundle), bytes, result}
    acts: [],         // {kind, sym, from, until}
    preview: null,    // {file, doc, layout, page}
  };

  function setStatus(text) { $('status').textContent = text; }
  function show(el, on) { el.hidden = !on; }
  function showError(id, text) { $(id).textContent = text || ''; show($(id), !!text); }

  function download(name, bytes, type) {
    const url = URL.createObjectURL(new Blob([bytes], { type: type || 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // ---- 1. the key ----------------------------------------------------------
  const seqStoreKey = () => `bangtin.seq.${state.key.name}.${state.key.fingerprint}`;
  function lastSequence() {
    const stored = Number(localStorage.getItem(seqStoreKey()) || 0);
    return Math.max(stored, state.seqFile || 0);
  }

  function showKey(isNew) {
    const k = state.key;
    $('key-label').textContent = `${k.name}.key`;
    $('key-fp').textContent = k.fingerprint;
    $('key-secret-name').textContent = `${k.name}.key`;
    $('key-pub-name').textContent = `${k.name}.pub`;
    show($('key-save'), isNew);
    show($('key-save-dir'), isNew && !!window.showDirectoryPicker);
    show($('key-info'), true);
    showError('key-error', '');
    setStatus(`Sẵn sàng · khóa ${k.name}`);
  }

  $('key-create').onclick = async () => {
    const name = $('key-name').value.trim();
    const r = await call('keygen', { name });
    if (r.rc !== 0) {
      showError('key-error', 'Không tạo được khóa: tên khóa chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang.\n' + r.out);
      return;
    }
    state.key = { name, text: r.key, pub: r.pub, fingerprint: r.fingerprint, dir: null };
    state.seqFile = 0;
    showKey(true);
  };
  $('key-save-key').onclick = () => download(`${state.key.name}.key`, state.key.text, 'text/plain');
  $('key-save-pub').onclick = () => download(`${state.key.name}.pub`, state.key.pub, 'text/plain');
  $('key-save-dir').onclick = async () => {
    const dir = await window.showDirectoryPicker({ mode: 'readwrite', id: 'bangtin-key' });
    for (const [n, t] of [[`${state.key.name}.key`, state.key.text], [`${state.key.name}.pub`, state.key.pub]]) {
      const h = await dir.getFileHandle(n, { create: true });
      const w = await h.createWritable();
      await w.write(t);
      await w.close();
    }
    state.key.dir = dir;
    setStatus(`Đã lưu ${state.key.name}.key và ${state.key.name}.pub vào thư mục ${dir.name}`);
  };

  async function openKeyFiles(files, dir) {
    const keyFile = files.find((f) => /\.key$/i.test(f.name));
    if (!keyFile) { showError('key-error', 'Chưa chọn tệp .key (khóa bí mật).'); return; }
    const r = await call('openKey', { name: keyFile.name, bytes: await keyFile.arrayBuffer() });
    if (r.error) { showError('key-error', 'Tệp này không phải khóa bí mật của bảng tin: ' + r.error); return; }
    state.key = { name: r.name, text: await keyFile.text(), pub: r.pub, fingerprint: r.fingerprint, dir };
    state.seqFile = 0;
    const seqFile = files.find((f) => f.name.toLowerCase() === `${r.name}.seq`.toLowerCase());
    if (seqFile) {
      const t = (await seqFile.text()).trim();
      if (/^[0-9]+$/.test(t)) state.seqFile = Number(t);
    }
    showKey(false);
  }
  $('key-open').onchange = (e) => openKeyFiles([...e.target.files], null);
  show($('key-open-dir'), !!window.showDirectoryPicker);
  $('key-open-dir').onclick = async () => {
    const dir = await window.showDirectoryPicker({ mode: 'readwrite', id: 'bangtin-key' });
    const files = [];
    for await (const h of dir.values()) if (h.kind === 'file' && /\.(key|seq)$/i.test(h.name)) files.push(await h.getFile());
    await openKeyFiles(files, dir);
  };

  // ---- 2. the documents ----------------------------------------------------
  const FIELDS = ['so', 'ngay', 'loai', 'co-quan', 'co-quan-cap-tren', 'noi-ban-hanh',
    'trich-yeu', 'nguoi-ky', 'chuc-vu', 'tham-quyen'];

  // The text of a file for editing: UTF-16 with its byte-order mark as
  // Notepad saves it, else UTF-8 (a UTF-8 mark dropped).
  function decodeText(bytes) {
    const b = new Uint8Array(bytes);
    if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
    if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder().decode(b.subarray(3));
    return new TextDecoder().decode(b);
  }

  // The block of stated fields at the top of a text: {fields, body}.
  function readBlock(text) {
    const lines = text.split(/\r?\n/);
    const fields = {};
    if (lines[0] !== '---' || !/^[^:]+:/.test(lines[1] || '')) return { fields, body: text };
    let i = 1;
    for (; i < lines.length && lines[i] !== '---'; i++) {
      const m = /^\s*([^:#]+?)\s*:\s*(.*?)\s*$/.exec(lines[i]);
      if (m) fields[m[1].toLowerCase()] = m[2];
    }
    if (i >= lines.length) return { fields: {}, body: text };
    return { fields, body: lines.slice(i + 1).join('\n') };
  }

  function writeBlock(fields, body) {
    const lines = FIELDS.filter((k) => fields[k]).map((k) => `${k}: ${fields[k]}`);
    return lines.length ? `---\n${lines.join('\n')}\n---\n${body}` : body;
  }

  // The name in the bundle: pack's own suggestion for a name it would
  // refuse, made unique (a FAT stick does not tell case apart).
  async function bundleName(shown) {
    let base = await call('asciiName', { name: shown });
    if (!/\.txt$/i.test(base)) base += '.txt';
    let name = base;
    for (let n = 2; state.files.some((f) => f.name.toLowerCase() === name.toLowerCase()); n++) {
      name = base.replace(/(\.txt)$/i, `-${n}$1`);
    }
    return name;
  }

  async function addFiles(list) {
    for (const file of list) {
      if (!/\.txt$/i.test(file.name)) {
        setStatus(`${file.name}: bỏ qua (chỉ nhận tệp .txt)`);
        continue;
      }
      const old = state.files.findIndex((f) => f.shown === file.name);
      if (old >= 0) state.files.splice(old, 1);
      const entry = { shown: file.name, name: await bundleName(file.name),
        bytes: await file.arrayBuffer(), result: null, edited: false };
      state.files.push(entry);
      await parseEntry(entry);
    }
    renderDocs();
  }

  async function parseEntry(entry) {
    setStatus(`Đang đọc ${entry.shown}…`);
    entry.result = null;
    renderDocs();
    try {
      entry.result = await call('parse', { name: entry.name, shown: entry.shown, bytes: entry.bytes.slice(0) },
        PARSE_LIMIT_MS);
    } catch (e) {
      entry.result = { file: entry.shown, error: e.message === 'timeout'
        ? `${entry.shown}: đọc quá ${PARSE_LIMIT_MS / 1000} giây, không nhận tệp này`
        : `${entry.shown}: ${e.message}`, docs: [], diags: [] };
    }
    setStatus(state.key ? `Sẵn sàng · khóa ${state.key.name}` : 'Sẵn sàng');
    renderDocs();
  }

  function cell(tr, text, cls, field) {
    const td = document.createElement('td');
    if (cls) td.className = cls;
    if (field) td.dataset.field = field;
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  // A field's cell: its value, "thiếu" when missing, marked when inferred
  // or stated by the clerk.
  function fieldCell(tr, field, value, inferred, stated) {
    const td = cell(tr, '', null, field);
    if (value == null || value === '') {
      const s = document.createElement('span');
      s.className = 'missing';
      s.textContent = 'thiếu';
      td.appendChild(s);
      td.dataset.missing = '1';
      return;
    }
    td.appendChild(document.createTextNode(value));
    td.dataset.value = value;
    if (inferred || stated) {
      const s = document.createElement('span');
      s.className = stated ? 'stated' : 'inferred';
      s.textContent = stated ? ' (đã sửa)' : ' (suy ra)';
      td.appendChild(s);
    }
  }

  function renderDocs() {
    const tbody = $('docs').querySelector('tbody');
    tbody.textContent = '';
    show($('docs'), state.files.length > 0);
    show($('docs-legend'), state.files.length > 0);
    state.files.forEach((f, fi) => {
      const r = f.result;
      const stated = readBlock(decodeText(f.bytes)).fields;
      if (!r) {
        const tr = document.createElement('tr');
        cell(tr, f.shown, 'fname');
        cell(tr, 'Đang đọc…').colSpan = 7;
        tbody.appendChild(tr);
        return;
      }
      const docs = r.docs.length ? r.docs : [null];
      docs.forEach((d, di) => {
        const tr = document.createElement('tr');
        tr.dataset.file = f.shown;
        tr.dataset.doc = di;
        cell(tr, di === 0 ? f.shown + (f.name !== f.shown ? `\n→ ${f.name}` : '') : '', 'fname');
        if (!d) {
          cell(tr, r.error || 'Không đọc được văn bản nào', 'error').colSpan = 6;
        } else {
          const st = di === 0 ? stated : {};
          fieldCell(tr, 'kind', d.kind_name ? `${d.kind_name} (${d.kind})` : d.kind, false, st.loai);
          fieldCell(tr, 'number', d.number, d.number_inferred, st.so);
          fieldCell(tr, 'date', d.date, d.date_inferred, st.ngay);
          fieldCell(tr, 'issuer', d.issuer, d.issuer_inferred, st['co-quan']);
          fieldCell(tr, 'subject', d.subject, false, st['trich-yeu']);
          const signer = [d.signer_authority, d.signer_title, d.signer_name].filter(Boolean).join(' · ');
          fieldCell(tr, 'signer', d.signer_name ? signer : null, false, st['nguoi-ky']);
          if (!d.signer_name && (d.signer_authority || d.signer_title)) {
            // The block is there but the name is not: say which part is missing.
            const td = tr.lastChild;
            td.textContent = [d.signer_authority, d.signer_title].filter(Boolean).join(' · ') + ' ';
            const s = document.createElement('span');
            s.className = 'missing';
            s.textContent = 'thiếu họ tên';
            td.appendChild(s);
          }
        }
        const td = cell(tr, '');
        if (d && di === 0) td.appendChild(button('Sửa', () => openEdit(f)));
        if (d) td.appendChild(button('Xem trước', () => openPreview(f, di)));
        if (di === 0) td.appendChild(button('Bỏ', () => { state.files.splice(fi, 1); renderDocs(); }));
        tbody.appendChild(tr);
      });
      const seen = new Set();
      for (const dg of r.diags) {
        if (seen.has(dg.text)) continue;
        seen.add(dg.text);
        const tr = document.createElement('tr');
        tr.className = 'diag ' + dg.severity;
        cell(tr, '');
        const where = dg.line > 0 ? `Dòng ${dg.line}` : 'Cả tệp';
        // The parser says what is wrong in English (as bangtinctl prints
        // it); the field it concerns is named in Vietnamese before it.
        const about = FIELD_VI[dg.field] ? ` · ${FIELD_VI[dg.field]}` : '';
        cell(tr, `${dg.severity === 'error' ? 'Lỗi' : 'Cảnh báo'} · ${where}${about}: ${dg.message}`).colSpan = 7;
        tr.dataset.line = dg.line;
        tr.dataset.text = dg.text;
        tbody.appendChild(tr);
      }
    });
  }

  const FIELD_VI = {
    number: 'số, ký hiệu', date: 'ngày', kind: 'loại văn bản', issuer: 'cơ quan ban hành',
    parent: 'cơ quan cấp trên', place: 'nơi ban hành', subject: 'trích yếu', signer: 'người ký',
    received: 'dấu đến', encoding: 'mã ký tự của tệp', document: 'văn bản', content: 'nội dung',
    size: 'cỡ tệp', lines: 'số dòng', docs: 'số văn bản trong tệp', memory: 'bộ nhớ',
    front: 'khối thông tin văn thư ghi',
  };

  function button(text, fn) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.onclick = fn;
    return b;
  }

  const drop = $('drop');
  drop.ondragover = (e) => { e.preventDefault(); drop.classList.add('over'); };
  drop.ondragleave = () => drop.classList.remove('over');
  drop.ondrop = (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    addFiles([...e.dataTransfer.files]);
  };
  // A file dropped anywhere else is not opened by the browser in place of
  // the page (which would lose the work).
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
  $('doc-open').onchange = (e) => { addFiles([...e.target.files]); e.target.value = ''; };

  // ---- the clerk's corrections --------------------------------------------
  let editing = null;
  function openEdit(f) {
    editing = f;
    const { fields } = readBlock(decodeText(f.bytes));
    const d = f.result.docs[0] || {};
    const read = { so: d.number, ngay: d.date, loai: d.kind, 'co-quan': d.issuer,
      'co-quan-cap-tren': d.parent, 'noi-ban-hanh': d.place, 'trich-yeu': d.subject,
      'nguoi-ky': d.signer_name, 'chuc-vu': d.signer_title, 'tham-quyen': d.signer_authority };
    const form = $('edit-form');
    for (const k of FIELDS) {
      form.elements[k].value = fields[k] || '';
      form.elements[k].placeholder = read[k] ? `đọc được: ${read[k]}` : 'không đọc được';
    }
    $('edit-file').textContent = f.shown;
    show($('step-edit'), true);
    $('step-edit').scrollIntoView();
  }
  $('edit-cancel').onclick = () => show($('step-edit'), false);
  $('edit-form').onsubmit = async (e) => {
    e.preventDefault();
    const f = editing;
    const { body } = readBlock(decodeText(f.bytes));
    const fields = {};
    for (const k of FIELDS) fields[k] = $('edit-form').elements[k].value.trim();
    f.bytes = new TextEncoder().encode(writeBlock(fields, body)).buffer;
    f.edited = true;
    show($('step-edit'), false);
    await parseEntry(f);
  };

  // ---- 3. documents on the board -------------------------------------------
  function renderActs() {
    const ul = $('acts');
    ul.textContent = '';
    state.acts.forEach((a, i) => {
      const li = document.createElement('li');
      const what = a.kind === 'withdraw' ? 'Gỡ khỏi bảng tin' : a.kind === 'pin' ? 'Ghim lên đầu'
        : `Chỉ hiện ${a.from ? 'từ ' + a.from.split('-').reverse().join('/') : ''} ${a.until ? 'đến hết ' + a.until.split('-').reverse().join('/') : ''}`;
      li.textContent = `${a.sym}: ${what} `;
      li.dataset.kind = a.kind;
      li.appendChild(button('Bỏ', () => { state.acts.splice(i, 1); renderActs(); }));
      ul.appendChild(li);
    });
  }
  $('act-form').onsubmit = (e) => {
    e.preventDefault();
    const a = { kind: $('act-kind').value, sym: $('act-sym').value.trim(),
      from: $('act-from').value, until: $('act-until').value };
    if (!a.sym) { showError('act-error', 'Ghi số, ký hiệu của văn bản.'); return; }
    if (a.kind === 'display' && !a.from && !a.until) { showError('act-error', 'Chọn ngày bắt đầu hoặc ngày kết thúc.'); return; }
    showError('act-error', '');
    state.acts.push(a);
    renderActs();
    $('act-sym').value = '';
  };

  // ---- 4. the board's pages --------------------------------------------------
  const serif = ['BtSerif', 'BtSerif', 'BtSerif', 'BtSerif', 'BtSans', 'BtSans', 'BtSans', 'BtSans'];
  function fontOf(f, style) {
    const px = data.metrics.fonts[f].px;
    return `${style & 2 ? 'italic ' : ''}${style & 1 ? 'bold ' : ''}${px}px ${serif[f]}`;
  }

  // The screen as the board draws a document in the reader: the band, the
  // sheet of paper, the page's lines where the kiosk's layout put them.
  function drawPage(canvas, layout, page, w, h) {
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d');
    const side = Math.min(w, h);
    const sc = (v, min) => Math.max(min, Math.floor(v * side / 1080));
    const m = sc(32, 6), band = sc(96, 24), footer = sc(60, 18);
    g.fillStyle = '#e4e0d8';
    g.fillRect(0, 0, w, h);
    g.fillStyle = '#8a1515';
    g.fillRect(0, 0, w, band);
    g.fillStyle = '#fdf6e3';
    g.font = fontOf(4, 1);
    g.textBaseline = 'middle';
    g.fillText('Xem trước — bảng tin', m, band / 2);
    const [bx, by, bw, bh] = layout.box;
    g.fillStyle = '#fffefb';
    g.fillRect(bx - m, by - m, bw + 2 * m, bh + 2 * m);
    g.fillStyle = '#1b1b1b';
    g.textBaseline = 'top';
    for (const ln of layout.pages[page] || []) {
      for (const r of ln.runs) {
        g.font = fontOf(r.f, r.s);
        // SDL_ttf draws a line box from its top: the face's ascent down to
        // the baseline. The canvas draws from the baseline.
        g.textBaseline = 'alphabetic';
        g.fillText(r.t, bx + r.x, by + ln.y + ln.a);
      }
    }
    g.fillStyle = '#5e5a55';
    g.font = fontOf(1, 0);
    g.textAlign = 'right';
    g.fillText(`Trang ${page + 1}/${layout.pages.length}`, bx + bw + m / 2, h - footer - m / 2);
    g.textAlign = 'left';
  }

  function orient() {
    return document.querySelector('input[name=orient]:checked').value === 'port'
      ? [1080, 1920] : [1920, 1080];
  }

  async function openPreview(f, doc) {
    const [w, h] = orient();
    const layout = await call('layout', { name: f.name, bytes: f.bytes.slice(0), doc, w, h });
    if (layout.error) { setStatus(`Không xem trước được: ${layout.error}`); return; }
    state.preview = { f, doc, layout, page: 0, w, h };
    const d = f.result.docs[doc];
    $('pv-title').textContent = `${d.number || f.shown}`;
    show($('step-preview'), true);
    renderPreview();
    $('step-preview').scrollIntoView();
  }
  function renderPreview() {
    const p = state.preview;
    drawPage($('pv'), p.layout, p.page, p.w, p.h);
    $('pv-page').textContent = `Trang ${p.page + 1}/${p.layout.pages.length}`;
  }
  $('pv-prev').onclick = () => { if (state.preview && state.preview.page > 0) { state.preview.page--; renderPreview(); } };
  $('pv-next').onclick = () => {
    const p = state.preview;
    if (p && p.page + 1 < p.layout.pages.length) { p.page++; renderPreview(); }
  };
  for (const r of document.querySelectorAll('input[name=orient]')) {
    r.onchange = () => { if (state.preview) openPreview(state.preview.f, state.preview.doc); };
  }

  // ---- 5. the bundle -----------------------------------------------------------
  function packRequest(extra) {
    const mode = document.querySelector('input[name=mode]:checked').value;
    const req = {
      keyName: state.key.name, keyText: state.key.text, lastSeq: lastSequence(), mode,
      files: state.files.map((f) => ({ name: f.name, bytes: f.bytes.slice(0) })),
      withdraw: state.acts.filter((a) => a.kind === 'withdraw').map((a) => a.sym),
      pin: state.acts.filter((a) => a.kind === 'pin').map((a) => a.sym),
      display: state.acts.filter((a) => a.kind === 'display').map((a) => `${a.sym}:${a.from}:${a.until}`),
    };
    return Object.assign(req, extra || {});
  }

  // The bundle, made by pack itself in the worker; the new sequence is kept
  // in this browser at once (and offered as NAME.seq beside the key).
  async function pack(extra) {
    showError('pack-error', '');
    show($('pack-out'), false);
    show($('pack-done'), false);
    show($('pack-steps'), false);
    if (!state.key) { showError('pack-error', 'Chưa có khóa: tạo hoặc mở khóa ở bước 1.'); return null; }
    if (!state.files.length && !state.acts.length) { showError('pack-error', 'Chưa có văn bản nào.'); return null; }
    setStatus('Đang đóng gói…');
    const r = await call('pack', packRequest(extra));
    $('pack-out').textContent = r.out;
    show($('pack-out'), true);
    if (r.rc !== 0) {
      showError('pack-error', 'Không đóng gói được; chưa ghi gì. Lý do ở trên (mỗi lỗi ghi tệp và dòng).');
      setStatus('Chưa đóng gói được');
      return null;
    }
    localStorage.setItem(seqStoreKey(), r.seq);
    state.seqFile = Number(r.seq);
    await saveSeq(r.seq);
    setStatus(`Đã đóng gói: số thứ tự ${r.seq}`);
    return r;
  }

  async function saveSeq(seq) {
    const name = `${state.key.name}.seq`;
    if (state.key.dir) {
      try {
        const h = await state.key.dir.getFileHandle(name, { create: true });
        const w = await h.createWritable();
        await w.write(`${seq}\n`);
        await w.close();
        show($('seq-save'), false);
        return;
      } catch (e) { /* offered as a download below */ }
    }
    $('seq-name').textContent = name;
    $('seq-download').onclick = () => download(name, `${seq}\n`, 'text/plain');
    show($('seq-save'), true);
  }

  $('pack-zip').onclick = async () => {
    const r = await pack();
    if (!r) return;
    const entries = {};
    for (const f of r.files) entries[`BANGTIN/${f.name}`] = [new Uint8Array(f.bytes), { level: 0 }];
    const zip = fflate.zipSync(entries, { mtime: new Date() });
    const name = `BANGTIN-${r.seq}.zip`;
    $('zip-name').textContent = name;
    $('pack-done').textContent = `Đã đóng gói ${r.files.length - 2} tệp văn bản, số thứ tự ${r.seq}, vào tệp ${name} (trong thư mục Tải về). Chép lên USB theo các bước dưới đây.`;
    show($('pack-done'), true);
    show($('pack-steps'), true);
    download(name, zip, 'application/zip');
  };

  show($('pack-stick'), !!window.showDirectoryPicker);
  // Straight onto the stick: BANGTIN made fresh in the folder the clerk
  // picks (the stick itself), the documents first, manifest.sig last, as
  // pack writes them; a BANGTIN already there is never overwritten.
  $('pack-stick').onclick = async () => {
    let root;
    try {
      root = await window.showDirectoryPicker({ mode: 'readwrite', id: 'bangtin-stick' });
    } catch (e) { return; }
    let dir;
    try {
      dir = await root.getDirectoryHandle('BANGTIN');
      // eslint-disable-next-line no-unused-vars
      for await (const _ of dir.keys()) {
        showError('pack-error', `${root.name}\\BANGTIN đã có gói cũ. Xóa thư mục BANGTIN cũ trên USB rồi ghi lại.`);
        return;
      }
    } catch (e) { dir = null; }
    const r = await pack();
    if (!r) return;
    dir = dir || await root.getDirectoryHandle('BANGTIN', { create: true });
    for (const f of r.files) {
      const h = await dir.getFileHandle(f.name, { create: true });
      const w = await h.createWritable();
      await w.write(f.bytes);
      await w.close();
    }
    // Read back, as pack checks what it wrote: a failing stick shows here,
    // not at the board.
    for (const f of r.files) {
      const back = new Uint8Array(await (await (await dir.getFileHandle(f.name)).getFile()).arrayBuffer());
      const want = new Uint8Array(f.bytes);
      if (back.length !== want.length || back.some((b, i) => b !== want[i])) {
        showError('pack-error', `${root.name}\\BANGTIN\\${f.name} đọc lại không đúng như đã ghi: USB có thể bị hỏng. Xóa thư mục BANGTIN trên USB và ghi lại, hoặc dùng USB khác.`);
        setStatus('Ghi vào USB không thành công');
        return;
      }
    }
    const done = `Đã ghi gói số ${r.seq} vào ${root.name}\\BANGTIN. Bấm biểu tượng USB ở góc màn hình, chọn Đẩy ra (Eject), rút USB và cắm vào bảng tin.`;
    $('pack-done').textContent = done;
    show($('pack-done'), true);
    setStatus(`Đã ghi gói số ${r.seq} vào USB`);
  };

  // ---- start ---------------------------------------------------------------
  // The page's faces, loaded before anything is drawn: a canvas does not
  // wait for a face still loading, it draws with a fallback.
  async function loadFonts() {
    const loads = [];
    for (const [family, faces] of Object.entries(data.fonts)) {
      for (const [key, b64] of Object.entries(faces)) {
        const [weight, style] = key.split('-');
        const face = new FontFace(family, b64bytes(b64), { weight, style });
        document.fonts.add(face);
        loads.push(face.load());
      }
    }
    await Promise.all(loads);
  }

  const t0 = performance.now();
  Promise.all([loadFonts(), startWorker()]).then(() => {
    document.body.dataset.readyNav = String(Math.round(performance.now()));
    document.body.dataset.ready = String(Math.round(performance.now() - t0));
    setStatus('Sẵn sàng');
  }, (e) => setStatus('Không khởi động được: ' + e.message));

  // For the tests and the benchmark: the same worker, called directly.
  // setParseLimit shortens the time a file may take to read, so a test
  // sees a stuck read end and the worker come back without a file that
  // takes 30 s.
  window.bangtin = { call, pack, state, addFiles, drawPage, renderDocs,
    setParseLimit: (ms) => { PARSE_LIMIT_MS = ms; } };
})();
