// vanban editor. Plain JavaScript, no build step, nothing from the network.
//
// The form edits one object, `draft`, shaped as the YAML input (field
// paths such as "signer.title" or "appendices[0].rows[2]" are the same in
// the page, in the YAML the server writes and in the findings it returns).
// After a pause in typing the draft goes to /api/preview; the answer is the
// findings, each placed beside its field, and the PDF's pages, drawn as
// SVG. Every user string reaches the page through textContent or an
// attribute, never as HTML.
'use strict';
(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  // el('div', {class: 'x', 'data-path': p, onclick: f}, child, 'text', …)
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'value') e.value = v;
      else if (k === 'checked') e.checked = !!v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  // ---- Texts, in Vietnamese and English. --------------------------------
  const T = {
    new: ['Mới', 'New'], open: ['Mở YAML…', 'Open YAML…'], openDir: ['Mở từ thư mục…', 'Open from folder…'],
    save: ['Lưu vào thư mục', 'Save to folder'], download: ['Tải về:', 'Download:'], merge: ['Tổng hợp biểu mẫu…', 'Consolidate forms…'],
    xlsxTitle: ['Biểu mẫu phụ lục (Excel)', 'Appendix form (Excel)'],
    mergeTitle: ['Tổng hợp biểu mẫu các đơn vị gửi lại', 'Consolidate the forms the units sent back'],
    mergeHint: ['Chọn các biểu mẫu (.xlsx, .csv, .yaml) các đơn vị gửi lại; vanban gộp vào phụ lục của văn bản đang soạn.', 'Choose the returned forms (.xlsx, .csv, .yaml); vanban merges them into the appendix of the document being edited.'],
    mergeForms: ['Biểu mẫu gửi lại', 'Returned forms'], mergeUnits: ['Danh sách đơn vị (.yaml, không bắt buộc)', 'Units list (.yaml, optional)'],
    mergeAppendix: ['Phụ lục số', 'Appendix number'], mergeSubtotals: ['Cộng riêng từng đơn vị', 'Subtotal each unit'],
    mergeReplace: ['Tệp sau thay tệp trước của cùng đơn vị', 'A later file replaces an earlier one of the same unit'],
    mergeRun: ['Tổng hợp', 'Consolidate'], close: ['Đóng', 'Close'],
    add: ['+ Thêm', '+ Add'], remove: ['Xóa', 'Remove'], none: ['(không)', '(none)'],
    secDoc: ['Loại văn bản', 'Document type'], secHeader: ['Tiêu đề văn bản', 'Header'], secSubject: ['Trích yếu và Kính gửi', 'Subject and recipients'],
    secDecision: ['Thẩm quyền, căn cứ, các điều', 'Authority, bases, articles'], secForm: ['Nội dung của mẫu', 'The form\'s fields'],
    secBody: ['Nội dung', 'Body'], secSign: ['Ký và Nơi nhận', 'Signature and copies'], secApp: ['Phụ lục', 'Appendices'],
    secMarks: ['Dấu và ô 10–13', 'Marks, boxes 10–13'], secSeparate: ['Tệp riêng, bản sao', 'Separate file, copy'],
    addAppendix: ['+ Thêm phụ lục', '+ Add an appendix'], addColumn: ['+ Cột', '+ Column'], addRow: ['+ Dòng', '+ Row'],
    addArticle: ['+ Thêm điều', '+ Add an article'], addDeadline: ['+ Thêm thời hạn', '+ Add a deadline'],
    bold: ['Đậm (**…**)', 'Bold (**…**)'], italic: ['Nghiêng (*…*)', 'Italic (*…*)'], insertDeadline: ['Chèn {{deadline}}…', 'Insert {{deadline}}…'],
    bodyHint: ['Các đoạn cách nhau một dòng trống; "- " đầu dòng; kết thúc bằng ./.', 'Paragraphs are separated by a blank line; "- " starts an item; end with ./.'],
    status: ['{pages} trang · {errors} lỗi · {warnings} cảnh báo · {ms} ms', 'pages: {pages} · errors: {errors} · warnings: {warnings} · {ms} ms'],
    numberHint: ['(văn thư cấp số khi đăng ký)', '(given by the records office)'],
    updating: ['Đang cập nhật…', 'Updating…'], textLine: ['dòng {n}', 'line {n}'],
    blocked: ['Còn lỗi: sửa các lỗi đỏ để tải về', 'Errors left: fix the red ones to download'],
    noAppendix: ['Văn bản không có phụ lục', 'The document has no appendix'],
    opened: ['Đã mở {name}', 'Opened {name}'], ignored: ['Trình soạn bỏ qua các trường: {list}', 'The editor leaves out these fields: {list}'],
    saved: ['Đã lưu {name}', 'Saved {name}'], saveAs: ['Lưu vào thư mục làm việc với tên:', 'Save into the working folder as:'],
    overwrite: ['Tệp đã có. Ghi đè?', 'The file exists. Overwrite?'], downloaded: ['Đã tải {name}', 'Downloaded {name}'],
    mergeOk: ['Đã tổng hợp {files} tệp, {rows} dòng', 'Consolidated {files} files, {rows} rows'],
    mergeFile: ['Tệp', 'File'], mergeUnit: ['Đơn vị', 'Unit'], mergeSheet: ['Trang tính', 'Sheet'], mergeRows: ['Số dòng', 'Rows'],
    mergeMissing: ['Chưa gửi', 'Not yet sent'], mergeAllSent: ['Các đơn vị đều đã gửi.', 'Every unit has sent its form.'],
    mergeConflicts: ['Tiêu chí có điểm khác nhau (giữ cả hai)', 'Criteria with different scores (both kept)'],
    mergeOpen: ['Mở bản tổng hợp trong trình soạn', 'Open the consolidated document'], mergeErrors: ['Lỗi — không tệp nào được ghi', 'Errors — nothing was written'],
    mergeNoForms: ['Hãy chọn các biểu mẫu', 'Choose the forms first'], working: ['Đang xử lý…', 'Working…'],
    prefix: ['Quyền hạn ký', 'Signing authority'], prefixNone: ['(ký trực tiếp)', '(signs directly)'],
    colText: ['chữ', 'text'], colIndex: ['STT', 'index'], colScore: ['điểm', 'score'],
    rowsFromHint: ['Tệp .xlsx/.csv trong thư mục làm việc; khi có, bảng dưới không dùng', 'An .xlsx/.csv file in the working folder; when given, the grid below is not used'],
    page: ['Trang {n}', 'Page {n}'], noPreview: ['Chưa xem trước được: sửa các lỗi đỏ', 'No preview yet: fix the red errors'],
    serverError: ['Lỗi máy chủ', 'Server error'],
    showRows: ['Hiện cả {n} dòng', 'Show all {n} rows'],
  };
  const L = {
    type: ['Loại văn bản', 'Document type'], size_set: ['Bộ cỡ chữ', 'Font size set'],
    agency: ['Cơ quan ban hành', 'Issuing agency'], 'agency.parent': ['Cơ quan chủ quản', 'Parent agency'],
    'agency.name': ['Tên cơ quan ban hành (in hoa)', 'Issuing agency (capitals)'], 'agency.name_in_text': ['Tên cơ quan viết trong câu', 'The agency as sentences name it'],
    number: ['Số', 'Number'], code: ['Ký hiệu', 'Symbol (ký hiệu)'], place: ['Địa danh', 'Place'], date: ['Ngày ban hành (YYYY-MM-DD; YYYY-MM để trống ngày)', 'Date (YYYY-MM-DD; YYYY-MM leaves the day blank)'],
    subject: ['Trích yếu', 'Subject'], secrecy: ['Độ mật (ô 10a)', 'Secrecy (box 10a)'], urgency: ['Độ khẩn (ô 10b)', 'Urgency (box 10b)'],
    circulation: ['Phạm vi lưu hành (ô 11)', 'Circulation (box 11)'], draft: ['Dấu DỰ THẢO', 'DỰ THẢO (draft) mark'],
    recipients: ['Kính gửi', 'To (Kính gửi)'], issuer: ['Cơ quan, người gửi điện (… điện:)', 'Telegram issuer (… điện:)'],
    authority: ['Thẩm quyền ban hành', 'Issuing authority'], can_cu: ['Căn cứ', 'Legal bases (căn cứ)'], proposal: ['Theo đề nghị của', 'On the proposal of'],
    articles: ['Các điều', 'Articles'], 'articles.title': ['Tiêu đề điều (không bắt buộc)', 'Article title (optional)'], 'articles.body': ['Nội dung điều', 'Article text'],
    issues: ['Văn bản ban hành kèm theo (Mẫu 1.3)', 'Document issued with it (Mẫu 1.3)'], 'issues.type': ['Loại', 'Type'], 'issues.subject': ['Trích yếu', 'Subject'], 'issues.body': ['Nội dung', 'Text'],
    invitation: ['Giấy mời', 'Invitation'], 'invitation.invitees': ['Kính mời', 'Invitees'], 'invitation.event': ['Tới dự', 'Event'], 'invitation.chair': ['Chủ trì', 'Chair'],
    'invitation.time': ['Thời gian', 'Time'], 'invitation.place': ['Địa điểm', 'Venue'],
    introduction: ['Giấy giới thiệu', 'Introduction'], 'introduction.honorific': ['Ông/Bà', 'Honorific'], 'introduction.name': ['Họ và tên', 'Name'],
    'introduction.position': ['Chức vụ', 'Position'], 'introduction.sent_to': ['Được cử đến', 'Sent to'], 'introduction.purpose': ['Về việc', 'Purpose'],
    'introduction.valid_until': ['Có giá trị đến hết ngày', 'Valid until'],
    minutes: ['Biên bản', 'Minutes'], 'minutes.kind': ['Loại', 'Kind'], 'minutes.start': ['Bắt đầu', 'Start'], 'minutes.end': ['Kết thúc', 'End'],
    'minutes.place': ['Địa điểm', 'Place'], 'minutes.participants': ['Thành phần tham dự', 'Participants'], 'minutes.chair': ['Chủ tọa', 'Chair'],
    'minutes.secretary': ['Thư ký', 'Secretary'], 'minutes.chair.name': ['Họ tên chủ tọa', 'Chair\'s name'], 'minutes.chair.position': ['Chức vụ', 'Position'],
    'minutes.chair.title': ['Chức vụ ghi dưới CHỦ TỌA', 'Title lines under CHỦ TỌA'], 'minutes.secretary.name': ['Họ tên thư ký', 'Secretary\'s name'], 'minutes.secretary.position': ['Chức vụ', 'Position'],
    leave: ['Giấy nghỉ phép', 'Leave'], 'leave.requested': ['Ngày đơn đề nghị', 'Date of the request'], 'leave.honorific': ['Ông/Bà', 'Honorific'], 'leave.name': ['Họ và tên', 'Name'],
    'leave.position': ['Chức vụ, đơn vị', 'Position'], 'leave.from': ['Nghỉ từ ngày', 'From'], 'leave.to': ['Đến hết ngày', 'To'], 'leave.days': ['Số ngày (để trống: tự tính)', 'Days (blank: counted)'],
    'leave.place': ['Nơi nghỉ', 'Where'], 'leave.counted_as': ['Tính vào', 'Counted as'], 'leave.confirmation': ['Ô xác nhận nơi nghỉ', 'Confirmation box'],
    deadlines: ['Thời hạn (dùng trong nội dung: {{deadline "tên"}})', 'Deadlines (used in the body as {{deadline "name"}})'],
    'deadlines.id': ['Tên', 'Name'], 'deadlines.date': ['Ngày', 'Date'], 'deadlines.time': ['Giờ (HH:MM)', 'Time (HH:MM)'],
    body: ['Nội dung', 'Body'], signer: ['Người ký', 'Signer'], 'signer.title': ['Chức vụ (mỗi dòng một dòng chữ)', 'Title lines'],
    'signer.name': ['Họ và tên người ký', 'Signer\'s name'], cc: ['Nơi nhận', 'Copies to (Nơi nhận)'], archive: ['Lưu', 'Archive (Lưu)'],
    drafter: ['Người soạn thảo (ô 12)', 'Drafter (box 12)'], 'drafter.initials': ['Chữ viết tắt', 'Initials'], 'drafter.copies': ['Số bản phát hành', 'Copies issued'],
    contact: ['Liên hệ (ô 13)', 'Contact (box 13)'], 'contact.address': ['Địa chỉ', 'Address'], 'contact.phone': ['Điện thoại', 'Phone'], 'contact.fax': ['Fax', 'Fax'],
    'contact.email': ['Thư điện tử', 'E-mail'], 'contact.website': ['Trang thông tin điện tử', 'Website'],
    appendices: ['Phụ lục', 'Appendix'], 'appendices.title': ['Tên phụ lục (in hoa)', 'Title (capitals)'], 'appendices.header': ['Nhắc lại cơ quan, Quốc hiệu, ngày', 'Repeat agency, motto, date'],
    'appendices.landscape': ['Trang ngang', 'Landscape'], 'appendices.total_label': ['Nhãn dòng tổng', 'Total row label'], 'appendices.blank_rows': ['Số dòng trống', 'Blank rows'],
    'appendices.subtotals_by': ['Cộng theo cột', 'Subtotals by column'], 'appendices.rows_from': ['Lấy dòng từ tệp', 'Rows from a file'],
    'appendices.columns': ['Các cột', 'Columns'], 'appendices.rows': ['Các dòng', 'Rows'],
    'columns.title': ['Tiêu đề cột', 'Column title'], 'columns.kind': ['Loại', 'Kind'], 'columns.total': ['Cộng', 'Total'], 'columns.width': ['Rộng (mm)', 'Width (mm)'], 'columns.max': ['Tối đa', 'Max'],
    attached_to: ['Kèm theo văn bản', 'Attached to'], 'attached_to.type': ['Loại', 'Type'], 'attached_to.number': ['Số', 'Number'], 'attached_to.code': ['Ký hiệu', 'Symbol'],
    'attached_to.date': ['Ngày', 'Date'], 'attached_to.agency': ['Cơ quan ban hành (viết trong câu)', 'Issuing agency (in a sentence)'],
    signed_at: ['Thời gian ký số (YYYY-MM-DDTHH:MM:SS+07:00)', 'Signing time (YYYY-MM-DDTHH:MM:SS+07:00)'],
    copy: ['Bản sao', 'Copy'], 'copy.kind': ['Hình thức sao', 'Kind of copy'], 'copy.agency': ['Cơ quan sao', 'Copying agency'], 'copy.number': ['Số', 'Number'],
    'copy.code': ['Ký hiệu', 'Symbol'], 'copy.place': ['Địa danh', 'Place'], 'copy.date': ['Ngày sao', 'Date'], 'copy.signer': ['Người ký bản sao', 'Signer'],
    'copy.cc': ['Nơi nhận', 'Copies to'], 'copy.archive': ['Lưu', 'Archive'], 'copy.signed_at': ['Thời gian ký số', 'Signing time'],
    'copy.agency.parent': ['Cơ quan chủ quản', 'Parent agency'], 'copy.agency.name': ['Tên cơ quan sao', 'Copying agency'], 'copy.agency.name_in_text': ['Viết trong câu', 'In a sentence'],
    'copy.signer.title': ['Chức vụ', 'Title lines'], 'copy.signer.name': ['Họ và tên', 'Name'],
    'agency.seal_image': ['Ảnh con dấu (.png trong thư mục làm việc; văn bản điện tử)', 'Seal image (.png in the working folder; electronic document)'],
    'agency.seal_mm': ['Đường kính dấu (mm)', 'Seal diameter (mm)'], 'signature_image': ['Ảnh chữ ký (.png trong thư mục làm việc)', 'Signature image (.png in the working folder)'],
    'seal_image': ['Ảnh con dấu (.png)', 'Seal image (.png)'], 'seal_mm': ['Đường kính dấu (mm)', 'Seal diameter (mm)'],
  };
  let lang = localStorage.getItem('vanban-lang') === 'en' ? 'en' : 'vi';
  const li = () => (lang === 'en' ? 1 : 0);
  function t(key, vars) {
    let s = (T[key] || [key, key])[li()];
    for (const [k, v] of Object.entries(vars || {})) s = s.split('{' + k + '}').join(String(v));
    return s;
  }
  // label of a path: indexes dropped ("appendices[0].columns[1].title" → "columns.title" or "appendices.title")
  function label(path) {
    const bare = path.replace(/\[\d+\]/g, '');
    if (L[bare]) return L[bare][li()];
    const tail = bare.split('.').slice(-2).join('.');
    if (L[tail]) return L[tail][li()];
    const last = bare.split('.').pop();
    if (L[last]) return L[last][li()];
    return bare;
  }

  // ---- State. ---------------------------------------------------------
  let meta = null;
  let draft = null;
  let docName = 'van-ban';
  let findings = [];
  let pageTexts = [];
  let lastErrors = 0;
  let seq = 0;
  let timer = 0;
  let inflight = null;
  let mergeID = '';
  const showAllRows = new Set();

  // Paths: "a.b[2].c" ↔ ['a','b',2,'c'].
  function parsePath(p) {
    const out = [];
    for (const part of p.split('.')) {
      const m = part.match(/^([^[]*)((\[\d+\])*)$/);
      if (!m) { out.push(part); continue; }
      if (m[1] !== '') out.push(m[1]);
      for (const idx of (m[2].match(/\d+/g) || [])) out.push(Number(idx));
    }
    return out;
  }
  function getP(obj, path) {
    let o = obj;
    for (const k of parsePath(path)) {
      if (o === null || o === undefined) return undefined;
      o = o[k];
    }
    return o;
  }
  function setP(obj, path, value) {
    const keys = parsePath(path);
    let o = obj;
    for (let i = 0; i < keys.length - 1; i++) {
      const k = keys[i];
      if (o[k] === null || o[k] === undefined || typeof o[k] !== 'object') o[k] = typeof keys[i + 1] === 'number' ? [] : {};
      o = o[k];
    }
    o[keys[keys.length - 1]] = value;
  }
  function parentPath(p) {
    const m = p.match(/^(.*)(\[\d+\]|\.[^.[\]]+)$/);
    return m ? m[1] : '';
  }
  const idOf = (path) => 'f-' + path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '');

  function typeInfo() { return meta.types.find((x) => x.id === draft.type); }
  // uses: 0 not used by the type, 1 optional, 2 required.
  function uses(field) {
    const ti = typeInfo();
    if (!ti) return 1;
    const at = draft.attached_to;
    const attached = ti.typed && at && Object.values(at).some((v) => String(v || '').trim() !== '');
    const f = attached ? ti.attached : ti.fields;
    return f[field] || 0;
  }

  // ---- Server calls. --------------------------------------------------
  async function api(method, url, body, opts = {}) {
    const headers = { 'X-Vanban-Csrf': meta ? meta.csrf : '' };
    let payload = body;
    if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    } else if (typeof body === 'string') {
      headers['Content-Type'] = 'text/plain; charset=utf-8';
    }
    const res = await fetch(url, { method, headers, body: payload, signal: opts.signal, credentials: 'same-origin' });
    if (!res.ok) {
      let err = { msg: t('serverError') + ' ' + res.status, msgEN: 'Server error ' + res.status };
      try { err = (await res.json()).error || err; } catch (e) { /* not JSON */ }
      const e = new Error(err.msgEN);
      e.api = err;
      e.status = res.status;
      throw e;
    }
    return opts.raw ? res : res.json();
  }
  const msgOf = (o) => (lang === 'en' ? o.msgEN || o.msg : o.msg || o.msgEN);

  function toast(text, kind) {
    const n = el('div', { class: 'toast ' + (kind || '') }, text);
    const box = $('#toasts');
    while (box.children.length >= 3) box.firstChild.remove();
    box.append(n);
    setTimeout(() => n.remove(), kind === 'error' ? 9000 : 2500);
  }
  function apiFailed(e) {
    if (e.name === 'AbortError') return;
    const a = e.api || { msg: String(e), msgEN: String(e) };
    toast(msgOf(a), 'error');
    if (a.errors && a.errors.length) {
      findings = a.errors;
      placeFindings();
    }
  }

  // ---- Widgets. -------------------------------------------------------
  // A field: label, input, findings. The wrapper carries the path the
  // findings are placed by.
  function field(path, input, opts = {}) {
    return el('div', { class: 'field' + (opts.inline ? ' inline' : ''), 'data-path': path },
      opts.inline ? [input, el('label', { for: input.id }, opts.label || label(path))]
        : [el('label', { for: input.id }, opts.label || label(path)), input],
      opts.hint ? el('p', { class: 'hint' }, opts.hint) : null,
      el('div', { class: 'findings' }));
  }
  function bind(input, path, opts = {}) {
    input.id = input.id || idOf(path);
    input.dataset.bind = path;
    const read = opts.read || (() => (input.type === 'checkbox' ? input.checked : input.value));
    input.addEventListener(input.tagName === 'SELECT' || input.type === 'checkbox' || input.type === 'date' ? 'change' : 'input', () => {
      setP(draft, path, read());
      if (opts.after) opts.after();
      schedule();
    });
    return input;
  }
  function text(path, opts = {}) {
    const v = getP(draft, path);
    const input = el('input', { type: 'text', value: v == null ? '' : String(v), list: opts.list, placeholder: opts.placeholder, inputmode: opts.inputmode });
    bind(input, path, opts);
    return opts.bare ? input : field(path, input, opts);
  }
  function area(path, opts = {}) {
    const input = el('textarea', { class: opts.small ? 'small' : '', spellcheck: 'false' });
    input.value = getP(draft, path) || '';
    bind(input, path);
    return input;
  }
  function select(path, options, opts = {}) {
    const cur = String(getP(draft, path) || opts.fallback || '');
    const s = el('select', {}, options.map(([v, l]) => el('option', { value: v }, l)));
    if (cur && !options.some(([v]) => v === cur)) s.append(el('option', { value: cur }, cur));
    s.value = cur;
    bind(s, path, opts);
    return opts.bare ? s : field(path, s, opts);
  }
  function checkbox(path, opts = {}) {
    const c = el('input', { type: 'checkbox', checked: !!getP(draft, path) });
    bind(c, path, opts);
    return field(path, c, { inline: true, ...opts });
  }
  // A date typed as text (YYYY-MM leaves the day blank) with a date picker.
  function date(path, opts = {}) {
    const v = getP(draft, path) || '';
    const txt = el('input', { type: 'text', value: v, placeholder: 'YYYY-MM-DD', inputmode: 'numeric' });
    const pick = el('input', { type: 'date', value: /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '', 'aria-label': 'date picker', tabindex: '-1' });
    bind(txt, path, { after: () => { pick.value = /^\d{4}-\d{2}-\d{2}$/.test(txt.value) ? txt.value : ''; } });
    pick.addEventListener('change', () => {
      if (!pick.value) return;
      txt.value = pick.value;
      setP(draft, path, pick.value);
      schedule();
    });
    const w = el('div', { class: 'field', 'data-path': path }, el('label', { for: txt.id }, opts.label || label(path)),
      el('div', { class: 'date-pair' }, txt, pick), el('div', { class: 'findings' }));
    return w;
  }
  // "YYYY-MM-DD HH:MM" as a date picker and a time.
  function dateTime(path) {
    const v = (getP(draft, path) || '').trim();
    const [d0, t0] = v.split(/[ T]/);
    const d = el('input', { type: 'date', value: d0 || '', id: idOf(path) });
    const tm = el('input', { type: 'text', value: t0 || '', placeholder: 'HH:MM', list: 'dl-times', inputmode: 'numeric', 'aria-label': 'time' });
    const upd = () => { setP(draft, path, (d.value + ' ' + tm.value).trim()); schedule(); };
    d.addEventListener('change', upd);
    tm.addEventListener('input', upd);
    d.dataset.bind = path;
    return el('div', { class: 'field', 'data-path': path }, el('label', { for: d.id }, label(path)), el('div', { class: 'date-pair' }, d, tm), el('div', { class: 'findings' }));
  }
  // A list of lines: one input each, removable, and an add button.
  function list(path, opts = {}) {
    const items = getP(draft, path) || [];
    const box = el('div', { class: 'field', 'data-path': path }, el('span', { class: 'label' }, opts.label || label(path)));
    items.forEach((v, i) => {
      const p = `${path}[${i}]`;
      const input = el('input', { type: 'text', value: v, list: opts.list, placeholder: opts.placeholder });
      bind(input, p);
      box.append(el('div', { class: 'list-item field', 'data-path': p }, el('span', { class: 'handle' }, String(i + 1)), input,
        el('button', { type: 'button', class: 'remove', title: t('remove'), 'aria-label': t('remove'), onclick: () => { items.splice(i, 1); setP(draft, path, items); rerender(); schedule(); } }, '×'),
        el('div', { class: 'findings' })));
    });
    box.append(el('button', { type: 'button', class: 'add', id: idOf(path) + '-add', onclick: () => { items.push(''); setP(draft, path, items); rerender(`${path}[${items.length - 1}]`); } }, t('add')));
    box.append(el('div', { class: 'findings' }));
    return box;
  }
  // A text with its toolbar: bold, italic, a {{deadline}} inserter.
  function bodyEditor(path, opts = {}) {
    const ta = area(path, opts);
    const wrap = (mark) => {
      const s = ta.selectionStart, e = ta.selectionEnd;
      const v = ta.value;
      ta.value = v.slice(0, s) + mark + v.slice(s, e) + mark + v.slice(e);
      ta.setSelectionRange(s + mark.length, e + mark.length);
      ta.focus();
      ta.dispatchEvent(new Event('input'));
    };
    const ids = (draft.deadlines || []).map((d) => (d.id || '').trim()).filter(Boolean);
    const ins = el('select', { 'aria-label': t('insertDeadline'), id: idOf(path) + '-deadline' }, el('option', { value: '' }, t('insertDeadline')), ids.map((id) => el('option', { value: id }, id)));
    ins.addEventListener('change', () => {
      if (!ins.value) return;
      const s = ta.selectionStart, e = ta.selectionEnd;
      const tag = `{{deadline "${ins.value}"}}`;
      ta.value = ta.value.slice(0, s) + tag + ta.value.slice(e);
      ta.setSelectionRange(s + tag.length, s + tag.length);
      ins.value = '';
      ta.focus();
      ta.dispatchEvent(new Event('input'));
    });
    const bar = el('div', { class: 'toolbar' },
      el('button', { type: 'button', class: 'b', title: t('bold'), 'aria-label': t('bold'), id: idOf(path) + '-bold', onclick: () => wrap('**') }, 'B'),
      el('button', { type: 'button', class: 'i', title: t('italic'), 'aria-label': t('italic'), id: idOf(path) + '-italic', onclick: () => wrap('*') }, 'I'),
      opts.deadlines === false ? null : ins);
    return el('div', { class: 'field', 'data-path': path }, el('label', { for: ta.id }, opts.label || label(path)), bar, ta,
      opts.hint === false ? null : el('p', { class: 'hint' }, t('bodyHint')), el('div', { class: 'findings' }));
  }
  function row(...children) { return el('div', { class: 'row' }, children); }
  function fieldset(titleKey, ...children) {
    const kids = children.flat().filter(Boolean);
    if (!kids.length) return null;
    return el('fieldset', {}, el('legend', {}, t(titleKey)), kids);
  }
  const when = (name, f) => (uses(name) ? f() : null);

  // ---- The form. ------------------------------------------------------
  function datalists() {
    const p = meta.profile || {};
    const dl = (id, values) => el('datalist', { id }, [...new Set((values || []).filter(Boolean))].map((v) => el('option', { value: v })));
    const titles = ['GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', 'TRƯỞNG PHÒNG', 'BỘ TRƯỞNG', 'THỨ TRƯỞNG'];
    for (const s of p.signers || []) for (const l of s.title || []) titles.unshift(l);
    return [
      dl('dl-agency-name', (p.agencies || []).map((a) => a.name)), dl('dl-agency-parent', (p.agencies || []).map((a) => a.parent)),
      dl('dl-agency-text', (p.agencies || []).map((a) => a.name_in_text)), dl('dl-codes', p.codes), dl('dl-place', [p.place]),
      dl('dl-recipients', p.recipients), dl('dl-cc', ['Như trên', ...(p.cc || [])]), dl('dl-signers', (p.signers || []).map((s) => s.name)),
      dl('dl-titles', titles), dl('dl-archive', [p.archive, 'VT']), dl('dl-times', ['07:30', '08:00', '09:00', '14:00', '16:00', '17:00', '24:00']),
    ];
  }

  function render() {
    const form = $('#form');
    const stamps = (k) => [['', t('none')], ...meta.stamps[k].map((s) => [s, s])];
    const types = meta.types.map((x) => [x.id, `${x.form} · ${x.name} (${x.id})`]);
    const ti = typeInfo();
    const parts = [
      datalists(),
      fieldset('secDoc',
        row(select('type', types, { after: () => rerender('type') }), select('size_set', [['13', '13'], ['14', '14']], { fallback: '13' }))),
      fieldset('secHeader',
        when('agency', () => el('div', { class: 'field', 'data-path': 'agency' },
          text('agency.parent', { list: 'dl-agency-parent' }),
          text('agency.name', { list: 'dl-agency-name', after: agencyPicked }),
          text('agency.name_in_text', { list: 'dl-agency-text' }),
          row(text('agency.seal_image', { placeholder: 'anh/dau.png' }), text('agency.seal_mm', { inputmode: 'decimal', placeholder: '40' })),
          el('div', { class: 'findings' }))),
        row(when('number', () => text('number', { inputmode: 'numeric', placeholder: t('numberHint') })), when('code', () => text('code', { list: 'dl-codes' }))),
        row(when('place', () => text('place', { list: 'dl-place' })), when('date', () => date('date')))),
      fieldset('secSubject',
        when('subject', () => text('subject')),
        when('recipients', () => list('recipients', { list: 'dl-recipients' })),
        when('issuer', () => text('issuer'))),
      fieldset('secDecision',
        when('authority', () => text('authority')),
        when('can_cu', () => list('can_cu')),
        when('proposal', () => text('proposal')),
        when('articles', articlesEditor),
        when('issues', () => el('div', { class: 'field', 'data-path': 'issues' }, el('span', { class: 'label' }, label('issues')),
          select('issues.type', [['', t('none')], ...meta.typedTypes.map((x) => [x, x])]), text('issues.subject'),
          bodyEditor('issues.body', { small: true }), el('div', { class: 'findings' })))),
      fieldset('secForm',
        when('invitation', () => group('invitation', [['invitees', 'text'], ['event', 'text'], ['chair', 'text'], ['time', 'datetime'], ['place', 'text']])),
        when('introduction', () => group('introduction', [['honorific', 'honorific'], ['name', 'text'], ['position', 'text'], ['sent_to', 'text'], ['purpose', 'text'], ['valid_until', 'date']])),
        when('minutes', minutesEditor),
        when('leave', () => group('leave', [['requested', 'date'], ['honorific', 'honorific'], ['name', 'text'], ['position', 'text'], ['from', 'date'], ['to', 'date'],
          ['days', 'text'], ['place', 'text'], ['counted_as', 'text'], ['confirmation', 'check']]))),
      fieldset('secBody',
        when('deadlines', deadlinesEditor),
        when('body', () => bodyEditor('body'))),
      fieldset('secSign',
        when('signer', () => signerEditor('signer')),
        when('cc', () => list('cc', { list: 'dl-cc' })),
        when('archive', () => text('archive', { list: 'dl-archive' }))),
      fieldset('secApp', when('appendices', appendicesEditor)),
      fieldset('secMarks',
        row(when('secrecy', () => select('secrecy', stamps('secrecy'))), when('urgency', () => select('urgency', stamps('urgency'))), when('circulation', () => select('circulation', stamps('circulation')))),
        when('draft', () => checkbox('draft')),
        when('drafter', () => row(text('drafter.initials'), text('drafter.copies', { inputmode: 'numeric' }))),
        when('contact', () => group('contact', [['address', 'text'], ['phone', 'text'], ['fax', 'text'], ['email', 'text'], ['website', 'text']]))),
      fieldset('secSeparate',
        when('attached_to', () => group('attached_to', [['type', 'text'], ['number', 'text'], ['code', 'text'], ['date', 'date'], ['agency', 'text']], () => rerender())),
        when('signed_at', () => text('signed_at', { placeholder: '2024-03-05T09:30:00+07:00' })),
        when('copy', copyEditor)),
    ];
    form.replaceChildren(...parts.flat().filter(Boolean));
    if (!ti) form.prepend(el('p', { class: 'hint' }, draft.type));
    placeFindings();
    updateButtons();
  }

  // rerender rebuilds the form (after a list changed) and puts the focus
  // back, or on the input of focusPath.
  function rerender(focusPath) {
    const a = document.activeElement;
    const keep = focusPath || (a && a.dataset && a.dataset.bind);
    const sel = a && 'selectionStart' in a && !focusPath ? [a.selectionStart, a.selectionEnd] : null;
    const pane = $('#form-pane');
    const top = pane.scrollTop;
    render();
    pane.scrollTop = top;
    if (keep) {
      const n = $$('[data-bind]').find((x) => x.dataset.bind === keep);
      if (n) {
        n.focus({ preventScroll: !focusPath });
        if (sel) try { n.setSelectionRange(sel[0], sel[1]); } catch (e) { /* not a text input */ }
      }
    }
  }

  function agencyPicked() {
    const p = meta.profile;
    if (!p || !p.agencies) return;
    const a = p.agencies.find((x) => x.name === draft.agency.name);
    if (a) {
      draft.agency = { ...a };
      rerender('agency.name');
    }
  }

  function group(path, fields, after) {
    return el('div', { class: 'field', 'data-path': path }, el('span', { class: 'label' }, label(path)),
      fields.map(([k, kind]) => {
        const p = `${path}.${k}`;
        switch (kind) {
          case 'date': return date(p);
          case 'datetime': return dateTime(p);
          case 'check': return checkbox(p);
          case 'honorific': return select(p, [['', 'Ông (bà)'], ...meta.honorifics.map((h) => [h, h])]);
          default: return text(p, { after });
        }
      }), el('div', { class: 'findings' }));
  }

  function signerEditor(path) {
    const s = getP(draft, path) || {};
    if (!getP(draft, path)) setP(draft, path, s);
    if (!s.title || !s.title.length) s.title = [''];
    const first = (s.title[0] || '').trim();
    const cur = meta.prefixes.find((p) => first.toUpperCase().startsWith(p + ' ') || first.toUpperCase() === p) || '';
    const pre = el('select', { id: idOf(path) + '-prefix' }, el('option', { value: '' }, t('prefixNone')), meta.prefixes.map((p) => el('option', { value: p }, p)));
    pre.value = cur;
    pre.addEventListener('change', () => {
      let line = (s.title[0] || '').trim();
      if (cur) line = line.slice(cur.length).trim();
      s.title[0] = (pre.value ? pre.value + ' ' : '') + line;
      // KT., TL., TUQ. sign under the head's title: the signer's own post
      // goes on the next line.
      if (pre.value && pre.value !== 'TM.' && pre.value !== 'Q.' && s.title.length < 2) s.title.push('');
      rerender(`${path}.title[${s.title.length > 1 && pre.value ? 1 : 0}]`);
      schedule();
    });
    const name = text(`${path}.name`, {
      list: 'dl-signers',
      after: () => {
        const known = ((meta.profile || {}).signers || []).find((x) => x.name === s.name);
        if (known) { s.title = [...known.title]; rerender(`${path}.name`); }
      },
    });
    return el('div', { class: 'field', 'data-path': path },
      el('div', { class: 'field' }, el('label', { for: pre.id }, t('prefix')), pre),
      list(`${path}.title`, { list: 'dl-titles' }), name, text(`${path}.signature_image`, { placeholder: 'anh/chu-ky.png' }), el('div', { class: 'findings' }));
  }

  function articlesEditor() {
    const arts = draft.articles || (draft.articles = []);
    if (!arts.length) arts.push({ title: '', body: '' });
    return el('div', { class: 'field', 'data-path': 'articles' }, el('span', { class: 'label' }, label('articles')),
      arts.map((a, i) => el('div', { class: 'field', 'data-path': `articles[${i}]` },
        el('span', { class: 'label' }, (lang === 'en' ? 'Article ' : 'Điều ') + (i + 1)),
        text(`articles[${i}].title`), bodyEditor(`articles[${i}].body`, { small: true, hint: false }),
        el('button', { type: 'button', class: 'remove', onclick: () => { arts.splice(i, 1); rerender(); schedule(); } }, t('remove')),
        el('div', { class: 'findings' }))),
      el('button', { type: 'button', class: 'add', onclick: () => { arts.push({ title: '', body: '' }); rerender(`articles[${arts.length - 1}].body`); } }, t('addArticle')),
      el('div', { class: 'findings' }));
  }

  function minutesEditor() {
    const m = draft.minutes || (draft.minutes = {});
    m.chair = m.chair || {};
    m.secretary = m.secretary || {};
    return el('div', { class: 'field', 'data-path': 'minutes' }, el('span', { class: 'label' }, label('minutes')),
      select('minutes.kind', [['', '—'], ...meta.meetingKinds.map(([id, n]) => [id, n])]),
      row(dateTime('minutes.start'), dateTime('minutes.end')), text('minutes.place'), list('minutes.participants'),
      row(text('minutes.chair.name'), text('minutes.chair.position')), list('minutes.chair.title'),
      row(text('minutes.secretary.name'), text('minutes.secretary.position')), el('div', { class: 'findings' }));
  }

  function deadlinesEditor() {
    const dls = draft.deadlines || (draft.deadlines = []);
    const box = el('div', { class: 'field', 'data-path': 'deadlines' }, el('span', { class: 'label' }, label('deadlines')));
    dls.forEach((d, i) => {
      const p = `deadlines[${i}]`;
      const id = el('input', { type: 'text', value: d.id || '', placeholder: label('deadlines.id'), 'aria-label': label('deadlines.id') });
      bind(id, `${p}.id`, { after: () => { clearTimeout(dlTimer); dlTimer = setTimeout(() => rerender(), 800); } });
      const dt = el('input', { type: 'date', value: d.date || '', 'aria-label': label('deadlines.date') });
      bind(dt, `${p}.date`);
      const tm = el('input', { type: 'text', value: d.time || '', placeholder: 'HH:MM', list: 'dl-times', 'aria-label': label('deadlines.time'), inputmode: 'numeric' });
      bind(tm, `${p}.time`);
      box.append(el('div', { class: 'list-item field', 'data-path': p }, id, dt, tm,
        el('button', { type: 'button', class: 'remove', title: t('remove'), onclick: () => { dls.splice(i, 1); rerender(); schedule(); } }, '×'),
        el('div', { class: 'findings' })));
    });
    box.append(el('button', { type: 'button', class: 'add', id: 'f-deadlines-add', onclick: () => { dls.push({ id: '', date: '', time: '' }); rerender(`deadlines[${dls.length - 1}].id`); } }, t('addDeadline')));
    box.append(el('div', { class: 'findings' }));
    return box;
  }
  let dlTimer = 0;

  function appendicesEditor() {
    const apps = draft.appendices || (draft.appendices = []);
    return el('div', { class: 'field', 'data-path': 'appendices' },
      apps.map((a, i) => appendixEditor(a, i, apps)),
      el('button', {
        type: 'button', class: 'add', id: 'f-appendices-add',
        onclick: () => {
          apps.push({ title: '', columns: [{ title: 'STT', kind: 'index' }, { title: 'Nội dung' }], rows: [[]] });
          rerender(`appendices[${apps.length - 1}].title`);
        },
      }, t('addAppendix')),
      el('div', { class: 'findings' }));
  }

  function appendixEditor(a, i, apps) {
    const p = `appendices[${i}]`;
    a.columns = a.columns || [];
    a.rows = a.rows || [];
    const kinds = [['text', t('colText')], ['index', t('colIndex')], ['score', t('colScore')]];
    const colRows = a.columns.map((c, k) => {
      const cp = `${p}.columns[${k}]`;
      const kind = select(`${cp}.kind`, kinds, { bare: true, after: () => rerender() });
      if (!c.kind) kind.value = 'text';
      const total = el('input', { type: 'checkbox', checked: !!c.total, 'aria-label': label('columns.total') });
      bind(total, `${cp}.total`);
      return el('tr', { 'data-path': cp, class: 'field' },
        el('td', {}, text(`${cp}.title`, { bare: true, after: () => { clearTimeout(dlTimer); dlTimer = setTimeout(() => rerender(), 800); } })),
        el('td', {}, kind), el('td', {}, total),
        el('td', {}, text(`${cp}.width`, { bare: true, inputmode: 'decimal' })), el('td', {}, text(`${cp}.max`, { bare: true, inputmode: 'decimal' })),
        el('td', { class: 'act' }, el('button', { type: 'button', class: 'remove', title: t('remove'), onclick: () => { a.columns.splice(k, 1); rerender(); schedule(); } }, '×')),
        el('td', {}, el('div', { class: 'findings' })));
    });
    const data = a.columns.map((c, k) => [c, k]).filter(([c]) => c.kind !== 'index');
    // A consolidated appendix may hold thousands of rows: the grid shows
    // the first ones until asked for all.
    const shown = showAllRows.has(i) ? a.rows.length : Math.min(a.rows.length, 300);
    const gridRows = a.rows.slice(0, shown).map((r, ri) => {
      const rp = `${p}.rows[${ri}]`;
      return el('tr', { 'data-path': rp, class: 'field' }, el('td', { class: 'idx' }, String(ri + 1)),
        data.map((_, di) => el('td', {}, text(`${rp}[${di}]`, { bare: true }))),
        el('td', { class: 'act' }, el('button', { type: 'button', class: 'remove', title: t('remove'), onclick: () => { a.rows.splice(ri, 1); rerender(); schedule(); } }, '×')),
        el('td', {}, el('div', { class: 'findings' })));
    });
    return el('fieldset', { 'data-path': p, class: 'field' }, el('legend', {}, `${label('appendices')} ${i + 1}`),
      text(`${p}.title`),
      row(checkbox(`${p}.header`), checkbox(`${p}.landscape`)),
      row(text(`${p}.total_label`, { placeholder: meta.totalLabel }), text(`${p}.blank_rows`, { inputmode: 'numeric' }), text(`${p}.subtotals_by`)),
      el('div', { class: 'field', 'data-path': `${p}.columns` }, el('span', { class: 'label' }, label('appendices.columns')),
        el('table', { class: 'grid cols' }, el('thead', {}, el('tr', {}, ['columns.title', 'columns.kind', 'columns.total', 'columns.width', 'columns.max'].map((k) => el('th', {}, label(k))), el('th', {}), el('th', {}))),
          el('tbody', {}, colRows)),
        el('button', { type: 'button', class: 'add', onclick: () => { a.columns.push({ title: '' }); rerender(`${p}.columns[${a.columns.length - 1}].title`); } }, t('addColumn')),
        el('div', { class: 'findings' })),
      text(`${p}.rows_from`, { hint: t('rowsFromHint') }),
      el('div', { class: 'field', 'data-path': `${p}.rows` }, el('span', { class: 'label' }, label('appendices.rows')),
        el('table', { class: 'grid' }, el('thead', {}, el('tr', {}, el('th', {}, '#'), data.map(([c]) => el('th', {}, c.title || '')), el('th', {}), el('th', {}))),
          el('tbody', {}, gridRows)),
        shown < a.rows.length ? el('button', { type: 'button', class: 'add', onclick: () => { showAllRows.add(i); rerender(); } }, t('showRows', { n: a.rows.length })) : null,
        el('button', { type: 'button', class: 'add', id: idOf(p) + '-addrow', onclick: () => { a.rows.push([]); showAllRows.add(i); rerender(data.length ? `${p}.rows[${a.rows.length - 1}][0]` : undefined); } }, t('addRow')),
        el('div', { class: 'findings' })),
      el('button', { type: 'button', class: 'remove', onclick: () => { apps.splice(i, 1); rerender(); schedule(); } }, `${t('remove')} ${label('appendices').toLowerCase()} ${i + 1}`),
      el('div', { class: 'findings' }));
  }

  function copyEditor() {
    const c = draft.copy || (draft.copy = {});
    c.agency = c.agency || {};
    c.signer = c.signer || {};
    return el('div', { class: 'field', 'data-path': 'copy' }, el('span', { class: 'label' }, label('copy')),
      select('copy.kind', [['', t('none')], ...meta.copyKinds]),
      text('copy.agency.parent'), text('copy.agency.name'), text('copy.agency.name_in_text'),
      row(text('copy.agency.seal_image', { placeholder: 'anh/dau.png' }), text('copy.agency.seal_mm', { inputmode: 'decimal' })),
      row(text('copy.number', { inputmode: 'numeric' }), text('copy.code')), row(text('copy.place'), date('copy.date')),
      signerEditor('copy.signer'), list('copy.cc'), text('copy.archive'), text('copy.signed_at'), el('div', { class: 'findings' }));
  }

  // ---- Findings beside their fields. --------------------------------------
  function hostOf(path) {
    let p = path || '';
    while (p) {
      const h = $$('[data-path]', $('#form')).find((x) => x.dataset.path === p);
      if (h) return h;
      p = parentPath(p);
    }
    return null;
  }
  function placeFindings() {
    for (const f of $$('.findings')) if (f.closest('#merge-dialog') === null) f.replaceChildren();
    for (const h of $$('.has-error, .has-warning')) h.classList.remove('has-error', 'has-warning');
    const general = $('#general-findings');
    for (const f of findings) {
      const host = hostOf(f.path);
      const box = host ? host.querySelector(':scope > .findings, :scope > td > .findings') : general;
      const where = [];
      if (f.textLine) where.push(t('textLine', { n: f.textLine }));
      if (f.file) where.push(f.file + (f.sheet ? `, ${f.sheet}` : '') + (f.cell ? ` ${f.cell}` : ''));
      const n = el('div', { class: 'finding ' + f.severity, 'data-rule': f.rule, 'data-path': f.path || '', role: 'note' },
        el('span', { class: 'rule' }, `[${f.rule || 'input'}]`), el('span', { class: 'msg' }, msgOf(f)),
        where.length ? el('span', { class: 'where' }, `(${where.join('; ')})`) : null);
      n.addEventListener('click', () => focusFinding(f));
      (box || general).append(n);
      if (host) host.classList.add(f.severity === 'error' ? 'has-error' : 'has-warning');
    }
  }
  function focusFinding(f) {
    const host = hostOf(f.path);
    if (!host) return;
    const input = host.matches('[data-bind]') ? host : host.querySelector('[data-bind]');
    if (!input) return;
    input.focus();
    if (f.textLine && input.tagName === 'TEXTAREA') {
      const lines = input.value.split('\n');
      let off = 0;
      for (let i = 0; i < f.textLine - 1 && i < lines.length; i++) off += lines[i].length + 1;
      const line = lines[f.textLine - 1] || '';
      const start = off + Math.min(Math.max((f.textCol || 1) - 1, 0), line.length);
      input.setSelectionRange(start, off + line.length);
    }
  }

  function updateButtons() {
    const blocked = lastErrors > 0;
    for (const id of ['dl-docx', 'dl-pdf', 'dl-xlsx']) {
      const b = $('#' + id);
      b.disabled = blocked || (id === 'dl-xlsx' && !(draft.appendices && draft.appendices.length));
      b.title = blocked ? t('blocked') : id === 'dl-xlsx' && b.disabled ? t('noAppendix') : '';
    }
  }

  // ---- Preview. -------------------------------------------------------
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(preview, 120);
  }
  async function preview() {
    const my = ++seq;
    if (inflight) inflight.abort();
    inflight = new AbortController();
    $('#status').textContent = t('updating');
    try {
      const res = await api('POST', '/api/preview', { draft, name: docName }, { signal: inflight.signal });
      if (my !== seq) return;
      findings = res.findings;
      lastErrors = res.errors;
      placeFindings();
      if (res.pages) drawPages(res.pages);
      $('#pages').classList.toggle('stale', !res.pages);
      const st = $('#status');
      st.textContent = res.pages ? t('status', { pages: res.pages.length, errors: res.errors, warnings: res.warnings, ms: Math.round(res.ms) })
        : t('noPreview') + ' · ' + t('status', { pages: 0, errors: res.errors, warnings: res.warnings, ms: Math.round(res.ms) });
      st.classList.toggle('errors', res.errors > 0);
      document.body.dataset.previewSeq = String(my);
      updateButtons();
      keepInView();
    } catch (e) {
      if (my === seq) apiFailed(e);
    }
  }

  let zoom = 1;
  function drawPages(pages) {
    const holder = $('#pages');
    const widest = Math.max(...pages.map((p) => p.w), 1);
    zoom = Math.min(1.6, Math.max(0.5, (($('#preview-pane').clientWidth || 800) - 80) / widest));
    pages.forEach((p, i) => {
      let div = holder.children[i];
      if (!div) {
        div = el('div', { class: 'page' });
        holder.append(div);
      }
      div.dataset.page = String(i + 1);
      div.replaceChildren(pageSVG(p), el('span', { class: 'pageno' }, t('page', { n: i + 1 })));
    });
    while (holder.children.length > pages.length) holder.lastChild.remove();
    pageTexts = pages.map((p) => squeeze((p.t || []).map((x) => x.c).join('')));
  }
  function svgEl(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  }
  function pageSVG(p) {
    const svg = svgEl('svg', { viewBox: `0 0 ${p.w} ${p.h}`, width: Math.round(p.w * zoom), height: Math.round(p.h * zoom), role: 'img' });
    for (const [x1, y1, x2, y2, w] of p.l || []) svg.append(svgEl('line', { x1, y1, x2, y2, 'stroke-width': w }));
    for (const [x, y, w, h] of p.r || []) svg.append(svgEl('rect', { x, y, width: w, height: h, class: 'fill' }));
    for (const [x, y, w, h] of p.i || []) svg.append(svgEl('rect', { x, y, width: w, height: h, class: 'image' }));
    for (const x of p.t || []) {
      const n = svgEl('text', { x: x.x, y: x.y, 'font-size': x.s, class: 'f' + x.f });
      if (x.w > 0 && x.c.length > 1) {
        n.setAttribute('textLength', x.w);
        n.setAttribute('lengthAdjust', 'spacingAndGlyphs');
      }
      n.textContent = x.c;
      svg.append(n);
    }
    return svg;
  }
  const squeeze = (s) => String(s || '').replace(/\s+/g, '');

  // Keep the page that shows the field being edited in view: the page whose
  // text holds the field's value (for a text box, the line at the cursor),
  // without its markup.
  function currentPage() {
    const a = document.activeElement;
    if (!a || !a.dataset || !a.dataset.bind || !pageTexts.length) return 0;
    let v = a.value || '';
    if (a.tagName === 'TEXTAREA') {
      const upto = v.slice(0, a.selectionStart);
      const start = upto.lastIndexOf('\n') + 1;
      const end = v.indexOf('\n', a.selectionStart);
      v = v.slice(start, end < 0 ? v.length : end);
      if (!v.trim()) {
        const para = upto.trimEnd().split('\n').pop();
        v = para || '';
      }
    }
    v = squeeze(v.replace(/\{\{[^}]*\}\}/g, ' ').replace(/[*~^\\]/g, '').replace(/^-\s*/, ''));
    if (v.length < 2) return 0;
    for (const len of [40, 16, 6]) {
      const needle = v.slice(0, len);
      const hits = pageTexts.map((txt, i) => (txt.includes(needle) ? i + 1 : 0)).filter(Boolean);
      if (hits.length) return hits[0];
    }
    return 0;
  }
  function keepInView() {
    const n = currentPage();
    for (const p of $$('.page')) p.classList.toggle('current', Number(p.dataset.page) === n);
    if (!n) return;
    const page = $(`.page[data-page="${n}"]`);
    const pane = $('#preview-pane');
    const r = page.getBoundingClientRect(), pr = pane.getBoundingClientRect();
    const visible = Math.min(r.bottom, pr.bottom) - Math.max(r.top, pr.top);
    if (visible < Math.min(200, r.height / 3)) page.scrollIntoView({ block: 'start' });
  }

  // ---- Files. ---------------------------------------------------------
  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }
  async function download(format) {
    try {
      const res = await api('POST', `/api/download?format=${format}`, { draft, name: docName }, { raw: true });
      const name = `${docName}.${format}`;
      saveBlob(await res.blob(), name);
      toast(t('downloaded', { name }));
    } catch (e) {
      apiFailed(e);
    }
  }
  function loadDraft(d, name, ignored) {
    draft = d;
    showAllRows.clear();
    docName = name || 'van-ban';
    findings = [];
    render();
    preview();
    toast(t('opened', { name: docName }));
    if (ignored && ignored.length) toast(t('ignored', { list: ignored.join(', ') }), 'error');
  }
  const stem = (name) => String(name || '').replace(/^.*[\\/]/, '').replace(/\.(ya?ml)$/i, '');
  async function openLocal(file) {
    try {
      const res = await api('POST', `/api/open?name=${encodeURIComponent(file.name)}`, await file.text());
      loadDraft(res.draft, stem(file.name), res.ignored);
    } catch (e) {
      apiFailed(e);
    }
  }
  async function listDir() {
    try {
      const res = await api('GET', '/api/files');
      const s = $('#open-dir');
      s.replaceChildren(el('option', { value: '', 'data-i18n': 'openDir' }, t('openDir')), res.files.map((f) => el('option', { value: f.name }, f.name)));
    } catch (e) { /* no folder listing */ }
  }
  async function openDir(name) {
    try {
      const res = await api('GET', `/api/file?name=${encodeURIComponent(name)}`);
      loadDraft(res.draft, stem(name), res.ignored);
    } catch (e) {
      apiFailed(e);
    }
  }
  async function saveDir() {
    const name = prompt(t('saveAs'), docName + '.yaml');
    if (!name) return;
    try {
      let res;
      try {
        res = await api('POST', '/api/save', { name, draft, overwrite: false });
      } catch (e) {
        if (e.status !== 409 || !confirm(t('overwrite'))) throw e;
        res = await api('POST', '/api/save', { name, draft, overwrite: true });
      }
      docName = stem(res.saved);
      toast(t('saved', { name: res.saved }));
      listDir();
    } catch (e) {
      apiFailed(e);
    }
  }

  // ---- Consolidation. -------------------------------------------------
  async function runMerge() {
    const out = $('#merge-result');
    const forms = $('#merge-forms').files;
    if (!forms.length) {
      out.replaceChildren(el('p', { class: 'finding error' }, t('mergeNoForms')));
      return;
    }
    const fd = new FormData();
    fd.append('draft', JSON.stringify(draft));
    fd.append('name', docName);
    fd.append('appendix', $('#merge-appendix').value || '1');
    fd.append('subtotals', String($('#merge-subtotals').checked));
    fd.append('replace', String($('#merge-replace').checked));
    for (const f of forms) fd.append('forms', f, f.name);
    const units = $('#merge-units').files[0];
    if (units) fd.append('units', units, units.name);
    out.replaceChildren(el('p', {}, t('working')));
    try {
      const r = await api('POST', '/api/merge', fd);
      mergeID = r.id;
      out.replaceChildren(mergeSummary(r));
    } catch (e) {
      const a = e.api || { msg: String(e), msgEN: String(e) };
      out.replaceChildren(el('div', { id: 'merge-errors' }, el('p', { class: 'summary' }, t('mergeErrors')), el('p', { class: 'finding error' }, msgOf(a)),
        (a.errors || []).map((f) => el('div', { class: 'finding error', 'data-rule': f.rule },
          el('span', { class: 'rule' }, `[${f.rule}]`), el('span', { class: 'where' }, [f.file, f.sheet, f.cell].filter(Boolean).join(', ') + (f.line ? `:${f.line}:${f.column}` : '')),
          ' ', el('span', { class: 'msg' }, msgOf(f))))));
    }
  }
  function mergeSummary(r) {
    const files = el('table', {}, el('thead', {}, el('tr', {}, ['mergeFile', 'mergeUnit', 'mergeSheet', 'mergeRows'].map((k) => el('th', {}, t(k))))),
      el('tbody', {}, r.files.map((f) => el('tr', {}, el('td', {}, f.name, (f.same || []).map((s) => el('div', { class: 'hint' }, '= ' + s))),
        el('td', {}, f.unit), el('td', {}, f.sheet || ''), el('td', {}, String(f.rows))))));
    return el('div', { id: 'merge-summary' },
      el('p', { class: 'summary' }, t('mergeOk', { files: r.files.length, rows: r.rowsOut })), files,
      el('p', {}, r.missing.length ? `${t('mergeMissing')}: ${r.missing.join('; ')}` : t('mergeAllSent')),
      r.conflicts.length ? el('div', {}, el('p', { class: 'summary' }, t('mergeConflicts')),
        el('ul', {}, r.conflicts.map((c) => el('li', {}, `${c.Criterion}: ${c.Units.map((u, i) => `${u} (${c.Scores[i]})`).join(' | ')}`)))) : null,
      el('pre', {}, lang === 'en' ? r.textEN : r.text),
      el('div', { class: 'outputs' }, r.outputs.map((name) => el('button', { type: 'button', class: 'merged-file', 'data-name': name, onclick: () => mergedDownload(name) }, name)),
        el('button', { type: 'button', id: 'merge-open', onclick: mergedOpen }, t('mergeOpen'))));
  }
  async function mergedDownload(name) {
    try {
      const res = await api('GET', `/api/merged/${mergeID}/${encodeURIComponent(name)}`, undefined, { raw: true });
      saveBlob(await res.blob(), name);
    } catch (e) {
      apiFailed(e);
    }
  }
  async function mergedOpen() {
    try {
      const res = await api('GET', `/api/merged/${mergeID}/draft`);
      $('#merge-dialog').close();
      loadDraft(res.draft, docName + '-tong-hop', res.ignored);
    } catch (e) {
      apiFailed(e);
    }
  }

  // ---- Start. ---------------------------------------------------------
  function staticTexts() {
    document.documentElement.lang = lang;
    for (const n of $$('[data-i18n]')) n.textContent = t(n.dataset.i18n);
    for (const n of $$('[data-i18n-title]')) n.title = t(n.dataset.i18nTitle);
    $('#lang').value = lang;
  }
  async function start() {
    meta = await api('GET', '/api/meta');
    draft = structuredClone(meta.new);
    staticTexts();
    render();
    preview();
    listDir();
    $('#btn-new').addEventListener('click', () => loadDraft(structuredClone(meta.new), 'van-ban'));
    $('#open-file').addEventListener('change', (e) => { if (e.target.files[0]) openLocal(e.target.files[0]); e.target.value = ''; });
    $('#open-dir').addEventListener('change', (e) => { if (e.target.value) openDir(e.target.value); e.target.value = ''; });
    $('#btn-save').addEventListener('click', saveDir);
    for (const f of ['docx', 'pdf', 'xlsx', 'yaml']) $('#dl-' + f).addEventListener('click', () => download(f));
    $('#btn-merge').addEventListener('click', () => { $('#merge-result').replaceChildren(); $('#merge-dialog').showModal(); });
    $('#merge-run').addEventListener('click', runMerge);
    $('#lang').addEventListener('change', (e) => {
      lang = e.target.value === 'en' ? 'en' : 'vi';
      localStorage.setItem('vanban-lang', lang);
      staticTexts();
      rerender();
      preview();
    });
    document.addEventListener('focusin', () => keepInView());
    window.addEventListener('resize', () => { clearTimeout(timer); timer = setTimeout(preview, 300); });
    document.body.dataset.ready = 'true';
  }
  start().catch((e) => {
    document.body.prepend(el('p', { class: 'finding error' }, (e.api ? msgOf(e.api) : String(e))));
  });
})();
