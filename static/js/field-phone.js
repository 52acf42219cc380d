// The phone app (/m/): the officer's cases, on-site records with signatures, photos and short videos with time
// and place, leads registered during an inspection.
// Everything written is kept on the device (IndexedDB) first — a draft as it is typed, a finished record or a
// photo in a queue — and sent in order when the network is there. Each item carries a key made on the device,
// so a send that is retried never makes a second record or photo on the server.
(function () {
  "use strict";
  var screen = document.getElementById("screen");
  var userId = Number(document.body.dataset.user);
  var MAX_BYTES = Number(document.body.dataset.maxBytes || 0);
  var DB_NAME = "ipenforce-field-" + userId;
  var db;
  var syncing = false;

  // ---- storage -------------------------------------------------------------------------------------------
  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore("queue", { keyPath: "client_key" });
        request.result.createObjectStore("kv", { keyPath: "key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function tx(store, mode, work) {
    return new Promise(function (resolve, reject) {
      var t = db.transaction(store, mode);
      var result = work(t.objectStore(store));
      t.oncomplete = function () { resolve(result instanceof IDBRequest ? result.result : result); };
      t.onerror = function () { reject(t.error); };
    });
  }
  function kvGet(key) {
    return tx("kv", "readonly", function (s) { return s.get(key); }).then(function (row) { return row ? row.value : null; });
  }
  function kvPut(key, value) { return tx("kv", "readwrite", function (s) { s.put({ key: key, value: value }); }); }
  function kvDelete(key) { return tx("kv", "readwrite", function (s) { s.delete(key); }); }
  function queueAll() {
    return tx("queue", "readonly", function (s) { return s.getAll(); }).then(function (items) {
      return items.sort(function (a, b) { return a.seq - b.seq; });
    });
  }
  function queuePut(item) { return tx("queue", "readwrite", function (s) { s.put(item); }); }
  function queueDelete(key) { return tx("queue", "readwrite", function (s) { s.delete(key); }); }

  // ---- helpers -------------------------------------------------------------------------------------------
  function uuid4() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function when(iso) {
    var d = new Date(iso);
    function p(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + " " + p(d.getHours()) + ":" + p(d.getMinutes()) + ":" + p(d.getSeconds());
  }
  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : document.querySelector("meta[name=csrf-token]").content;
  }
  function position() {
    return new Promise(function (resolve) {
      if (!navigator.geolocation) { resolve(null); return; }
      navigator.geolocation.getCurrentPosition(function (p) {
        resolve({ latitude: Number(p.coords.latitude.toFixed(6)), longitude: Number(p.coords.longitude.toFixed(6)),
                  accuracy_m: Math.round(p.coords.accuracy) });
      }, function () { resolve(null); }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
    });
  }
  function placeText(pos) {
    return pos ? pos.latitude + ", " + pos.longitude + "（±" + pos.accuracy_m + "米，手机定位）" : "未取得位置";
  }
  function sha256(blob) {
    if (!(window.crypto && crypto.subtle)) { return Promise.resolve(""); }  // not offered outside HTTPS
    return blob.arrayBuffer().then(function (buf) { return crypto.subtle.digest("SHA-256", buf); }).then(function (d) {
      return Array.prototype.map.call(new Uint8Array(d), function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    });
  }

  // ---- network state and the queue ----------------------------------------------------------------------
  function showNetwork() {
    var badge = document.getElementById("network");
    badge.textContent = navigator.onLine ? "在线" : "离线";
    badge.className = "badge " + (navigator.onLine ? "bg-success" : "bg-secondary");
  }
  function showQueue() {
    return queueAll().then(function (items) {
      document.getElementById("pending").textContent = items.length;
      var errors = items.filter(function (i) { return i.error; });
      document.getElementById("sync-errors").innerHTML = errors.map(function (i) {
        if (i.conflict) {  // the case changed while the officer was offline: shown, never written over
          return '<div class="alert alert-danger small" data-testid="sync-conflict"><strong>案件已被更新，笔录未提交</strong><br>' +
            esc(i.label) + "：" + esc(i.error) +
            '<div class="mt-2"><button class="btn btn-sm btn-outline-primary me-2" data-edit="' + esc(i.client_key) + '" data-testid="conflict-review">核对案件后重新提交</button>' +
            '<button class="btn btn-sm btn-outline-danger" data-discard="' + esc(i.client_key) + '">放弃</button></div></div>';
        }
        return '<div class="alert alert-warning small" data-testid="sync-error">' + esc(i.label) + "：" + esc(i.error) +
          '<div class="mt-2"><button class="btn btn-sm btn-outline-primary me-2" data-edit="' + esc(i.client_key) + '">修改后重新提交</button>' +
          '<button class="btn btn-sm btn-outline-danger" data-discard="' + esc(i.client_key) + '">放弃</button></div></div>';
      }).join("");
      return items;
    });
  }
  function send(item) {
    var headers = { "X-CSRFToken": csrf() };
    var body;
    if (item.type === "record" || item.type === "lead") {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(item.body);
    } else {
      body = new FormData();
      Object.keys(item.fields).forEach(function (k) { if (item.fields[k] !== null && item.fields[k] !== "") { body.append(k, item.fields[k]); } });
      body.append("file", item.blob, item.name || (item.type === "video" ? "video.mp4" : "photo.jpg"));
    }
    return fetch(item.url, { method: "POST", headers: headers, body: body, credentials: "same-origin" });
  }
  function sync() {
    if (syncing || !navigator.onLine) { return showQueue(); }
    syncing = true;
    return queueAll().then(function (items) {
      var chain = Promise.resolve(true);
      items.filter(function (i) { return !i.error; }).forEach(function (item) {
        chain = chain.then(function (go) {
          if (!go) { return false; }
          return send(item).then(function (response) {
            if (response.ok) { return queueDelete(item.client_key).then(function () { return true; }); }
            if (response.status === 401 || response.status === 503) { return false; }  // signed out, or offline
            return response.json().catch(function () { return {}; }).then(function (error) {
              item.error = error.message || ("错误 " + response.status);
              item.conflict = error.code === "case_version_conflict";
              return queuePut(item).then(function () { return true; });
            });
          }, function () { return false; });  // no network: try again later, in the same order
        });
      });
      return chain;
    }).then(function () { syncing = false; return showQueue(); }, function () { syncing = false; });
  }
  function enqueue(item) {
    return queueAll().then(function (items) {
      item.seq = items.reduce(function (m, i) { return Math.max(m, i.seq); }, 0) + 1;
      return queuePut(item);
    }).then(showQueue).then(sync);
  }

  // ---- cases ---------------------------------------------------------------------------------------------
  function loadCases() {
    return fetch("/api/v1/field/cases", { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    }).then(function (cases) { return kvPut("cases", cases).then(function () { return cases; }); }, function () {
      return kvGet("cases").then(function (cases) { return cases || []; });
    });
  }
  function findCase(id) {
    return kvGet("cases").then(function (cases) {
      return (cases || []).filter(function (c) { return c.id === id; })[0] || null;
    });
  }
  function home() {
    return loadCases().then(function (cases) {
      screen.innerHTML = '<a class="btn btn-outline-primary btn-phone" data-testid="new-lead" href="#lead">登记线索（监督检查）</a>' +
        "<h1 class=\"h5\">我的在办案件</h1>" + (cases.length ? cases.map(function (c) {
        return '<a class="case-card d-block text-decoration-none text-dark" data-testid="phone-case" href="#case-' + c.id + '">' +
          "<strong>" + esc(c.number || "案源线索") + "</strong> <span class=\"badge bg-primary\">" + esc(c.state_label) + "</span>" +
          "<div>" + esc(c.title) + "</div><div class=\"small text-muted\">" + esc(c.party) + " " + esc(c.address) + "</div></a>";
      }).join("") : "<p class=\"text-muted\">没有在办案件。</p>");
    });
  }
  function caseScreen(id) {
    return findCase(id).then(function (c) {
      if (!c) { screen.innerHTML = "<p>找不到该案件（离线时只能打开已下载的案件）。</p><a href=\"#\">返回</a>"; return; }
      screen.innerHTML = "<a href=\"#\" class=\"small\">‹ 我的案件</a><h1 class=\"h5 mt-2\">" + esc(c.number || "案源线索") + "</h1>" +
        "<p>" + esc(c.title) + "<br><span class=\"small text-muted\">" + esc(c.party) + " " + esc(c.address) + "</span></p>" +
        '<a class="btn btn-primary btn-phone" data-testid="start-inspection" href="#new-' + c.id + '-inspection">开始现场检查（现场笔录）</a>' +
        '<a class="btn btn-outline-primary btn-phone" data-testid="start-inquiry" href="#new-' + c.id + '-inquiry">询问笔录</a>' +
        '<label class="btn btn-outline-secondary btn-phone">拍照取证<input type="file" accept="image/*" capture="environment" class="d-none" data-testid="photo-input" id="photo-input"></label>' +
        '<label class="btn btn-outline-secondary btn-phone">录制短视频<input type="file" accept="video/*" capture="environment" class="d-none" data-testid="video-input" id="video-input"></label>' +
        '<div id="media-error" class="alert alert-danger small d-none" data-testid="media-error"></div>' +
        '<div id="photos" class="row g-2" data-testid="photos"></div>';
      ["photo-input", "video-input"].forEach(function (id) {
        document.getElementById(id).addEventListener("change", function (event) {
          Array.prototype.forEach.call(event.target.files, function (file) { takePhoto(c, file); });
          event.target.value = "";
        });
      });
      showPhotos(c.id);
    });
  }
  function showPhotos(caseId) {
    return kvGet("photos-" + caseId).then(function (list) {
      var box = document.getElementById("photos");
      if (!box) { return; }
      box.innerHTML = "";
      (list || []).forEach(function (p) {
        var col = document.createElement("div");
        col.className = "col-6";
        var video = (p.blob.type || "").indexOf("video/") === 0;
        var img = document.createElement(video ? "video" : "img");
        img.className = "thumb";
        if (video) { img.controls = true; img.preload = "metadata"; } else { img.alt = "现场照片"; }
        img.setAttribute("data-testid", video ? "video-thumb" : "photo-thumb");
        img.src = URL.createObjectURL(p.blob);
        col.appendChild(img);
        col.insertAdjacentHTML("beforeend", '<div class="stamp">' + esc(when(p.captured_at)) + "<br>" + esc(placeText(p.position)) + "<br>" + esc(document.body.dataset.userName) + "</div>");
        box.appendChild(col);
      });
    });
  }
  function takePhoto(c, file) {
    var capturedAt = new Date().toISOString();
    var video = (file.type || "").indexOf("video/") === 0;
    var what = video ? "视频" : "照片";
    var errorBox = document.getElementById("media-error");
    if (MAX_BYTES && file.size > MAX_BYTES) {  // refused on the device, before it fills the queue
      errorBox.textContent = what + "过大（" + (file.size / 1048576).toFixed(1) + " MB），上限为 " + Math.floor(MAX_BYTES / 1048576) +
        " MB；" + (video ? "请缩短拍摄时长后重新拍摄。" : "请降低分辨率后重新拍摄。");
      errorBox.classList.remove("d-none");
      return Promise.resolve();
    }
    errorBox.classList.add("d-none");
    return Promise.all([position(), sha256(file)]).then(function (got) {
      var pos = got[0];
      var item = { type: video ? "video" : "photo", client_key: uuid4(), label: "现场" + what + " " + when(capturedAt), url: "/api/v1/field/cases/" + c.id + "/photos",
                   blob: file, name: file.name || "photo.jpg",
                   fields: { client_key: "", captured_at: capturedAt, device_sha256: got[1],
                             latitude: pos ? pos.latitude : "", longitude: pos ? pos.longitude : "", accuracy_m: pos ? pos.accuracy_m : "" } };
      item.fields.client_key = item.client_key;
      return kvGet("photos-" + c.id).then(function (list) {
        list = (list || []).concat([{ blob: file, captured_at: capturedAt, position: pos }]);
        return kvPut("photos-" + c.id, list.slice(-20));
      }).then(function () { return showPhotos(c.id); }).then(function () { return enqueue(item); });
    });
  }

  // ---- the record form -----------------------------------------------------------------------------------
  function draftKey(caseId, kind) { return "draft-" + caseId + "-" + kind; }

  function recordScreen(caseId, kind) {
    return Promise.all([findCase(caseId), kvGet(draftKey(caseId, kind))]).then(function (got) {
      var c = got[0];
      var draft = got[1];
      if (!c) { screen.innerHTML = "<p>找不到该案件。</p>"; return; }
      var ready = draft ? Promise.resolve(draft) : position().then(function (pos) {
        draft = { client_key: uuid4(), kind: kind, started_at: new Date().toISOString(), position: pos, case_version: c.version,
                  officer_ids: c.officers.map(function (o) { return o.id; }), place: c.address, person_name: c.party,
                  party_present: true, questions: [{ q: "", a: "" }], signatures: {} };
        return kvPut(draftKey(caseId, kind), draft).then(function () { return draft; });
      });
      return ready.then(function (d) { drawRecord(c, kind, d); });
    });
  }

  function field(name, label, value, type) {
    if (type === "textarea") {
      return '<label class="form-label mt-2">' + label + '</label><textarea class="form-control" rows="4" name="' + name + '">' + esc(value) + "</textarea>";
    }
    return '<label class="form-label mt-2">' + label + '</label><input class="form-control" name="' + name + '" value="' + esc(value) + '">';
  }
  function check(name, label, checked) {
    return '<div class="form-check mt-3"><input class="form-check-input" type="checkbox" name="' + name + '" id="f-' + name + '"' + (checked ? " checked" : "") +
      '><label class="form-check-label" for="f-' + name + '">' + label + "</label></div>";
  }
  function pad(key, label) {
    return '<div class="signature-box mt-3" data-pad="' + key + '"><div class="d-flex justify-content-between"><span>' + label +
      '</span><button type="button" class="btn btn-sm btn-link" data-clear="' + key + '">清除</button></div><canvas data-testid="pad-' + key + '"></canvas></div>';
  }

  function drawRecord(c, kind, d) {
    var title = kind === "inspection" ? "现场检查笔录" : "询问笔录";
    var html = '<a href="#case-' + c.id + '" class="small">‹ 返回案件</a><h1 class="h5 mt-2">' + title + "</h1>" +
      '<p class="small text-muted" data-testid="record-start">开始时间 ' + esc(when(d.started_at)) + "<br>位置 " + esc(placeText(d.position)) + "</p>" +
      (d.reviewed_conflict ? '<div class="alert alert-warning small" data-testid="conflict-note">' + esc(d.reviewed_conflict) + "<br>案件现为：" +
        esc(c.title) + "（" + esc(c.state_label) + "）。请核对笔录内容后再提交。</div>" : "") +
      '<form id="record-form" novalidate>' +
      check("certificates_shown", "执法人员已向当事人出示执法证件", d.certificates_shown) +
      '<div class="mt-3">执法人员（至少两名）</div>' + c.officers.map(function (o) {
        return '<div class="form-check"><input class="form-check-input" type="checkbox" name="officer" value="' + o.id + '" id="o-' + o.id + '"' +
          (d.officer_ids.indexOf(o.id) >= 0 ? " checked" : "") + '><label class="form-check-label" for="o-' + o.id + '">' + esc(o.name) + "（执法证号 " + esc(o.certificate_no) + "）</label></div>";
      }).join("") +
      field("place", "地点", d.place) + check("party_present", "当事人（被询问人）在场", d.party_present) +
      field("person_name", "当事人或被询问人姓名", d.person_name) + field("person_role", "身份（现场负责人、法定代表人等）", d.person_role) +
      field("person_id_number", "身份证件号码", d.person_id_number) + field("person_phone", "联系电话", d.person_phone) +
      field("witness_name", "见证人姓名（当事人不在场或拒绝签名时）", d.witness_name);
    if (kind === "inspection") {
      html += field("findings", "现场检查情况", d.findings, "textarea") + field("measures", "采取的措施", d.measures, "textarea");
    } else {
      html += check("rights_read", "已告知被询问人的权利义务（申请回避、如实回答等）", d.rights_read) + '<div class="qa mt-3" id="qa">' +
        d.questions.map(function (q, i) {
          return '<div class="border rounded p-2 mb-2"><textarea class="form-control" rows="2" name="q" data-i="' + i + '" placeholder="问">' + esc(q.q) +
            '</textarea><textarea class="form-control" rows="3" name="a" data-i="' + i + '" placeholder="答">' + esc(q.a) + "</textarea></div>";
        }).join("") + '</div><button type="button" class="btn btn-outline-secondary w-100" id="add-qa">添加问答</button>';
    }
    html += '<h2 class="h6 mt-4">签名</h2>' + c.officers.filter(function (o) { return d.officer_ids.indexOf(o.id) >= 0; }).map(function (o) {
      return pad("officer-" + o.id, "执法人员 " + esc(o.name));
    }).join("") + pad("party", "当事人（被询问人）") + check("party_refused", "当事人拒绝签名", d.party_refused) +
      field("refusal_note", "拒绝签名情况", d.refusal_note) + pad("witness", "见证人") +
      '<div id="form-error" class="text-danger mt-3" data-testid="form-error"></div>' +
      '<button type="submit" class="btn btn-success btn-phone mt-3" data-testid="finish-record">完成并封存</button></form>';
    screen.innerHTML = html;
    var form = document.getElementById("record-form");
    var pads = {};
    Array.prototype.forEach.call(form.querySelectorAll("[data-pad]"), function (box) {
      var key = box.dataset.pad;
      var canvas = box.querySelector("canvas");
      var ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext("2d").scale(ratio, ratio);
      var p = new window.SignaturePad(canvas, { backgroundColor: "rgb(255,255,255)" });
      if (d.signatures[key]) { p.fromDataURL(d.signatures[key], { ratio: ratio, width: canvas.offsetWidth, height: canvas.offsetHeight }); }
      p.addEventListener("endStroke", function () { d.signatures[key] = p.toDataURL("image/png"); save(); });
      pads[key] = p;
    });
    form.addEventListener("click", function (event) {
      var key = event.target.dataset && event.target.dataset.clear;
      if (key) { pads[key].clear(); delete d.signatures[key]; save(); }
    });
    var addQa = document.getElementById("add-qa");
    if (addQa) { addQa.addEventListener("click", function () { read(); d.questions.push({ q: "", a: "" }); save().then(function () { drawRecord(c, kind, d); }); }); }
    function read() {
      ["place", "person_name", "person_role", "person_id_number", "person_phone", "witness_name", "findings", "measures", "refusal_note"].forEach(function (n) {
        if (form.elements[n]) { d[n] = form.elements[n].value; }
      });
      ["certificates_shown", "party_present", "rights_read", "party_refused"].forEach(function (n) {
        if (form.elements[n]) { d[n] = form.elements[n].checked; }
      });
      d.officer_ids = Array.prototype.filter.call(form.querySelectorAll("[name=officer]"), function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
      Array.prototype.forEach.call(form.querySelectorAll("[name=q],[name=a]"), function (t) { d.questions[Number(t.dataset.i)][t.name] = t.value; });
    }
    function save() { return kvPut(draftKey(c.id, kind), d); }
    form.addEventListener("input", function () { read(); save(); });
    form.addEventListener("change", function () { read(); save(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      read();
      var error = "";
      if (d.officer_ids.length < 2) { error = "应有至少两名执法人员。"; }
      else if (!d.certificates_shown) { error = "应先向当事人出示执法证件。"; }
      else if (d.officer_ids.some(function (id) { return !d.signatures["officer-" + id]; })) { error = "每名执法人员都应签名。"; }
      else if (d.party_present && !d.party_refused && !d.signatures.party) { error = "当事人应签名；拒绝签名的，请勾选“当事人拒绝签名”。"; }
      else if ((d.party_refused || !d.party_present) && !(d.witness_name && d.signatures.witness)) { error = "当事人不在场或拒绝签名的，应由见证人签名并填写姓名。"; }
      document.getElementById("form-error").textContent = error;
      if (error) { return; }
      var signatures = d.officer_ids.map(function (id) { return { role: "officer", officer_id: id, image: d.signatures["officer-" + id] }; });
      if (d.party_present) {
        signatures.push(d.party_refused ? { role: "party", refused: true, note: d.refusal_note || "当事人拒绝签名。" } : { role: "party", image: d.signatures.party });
      }
      if (d.signatures.witness) { signatures.push({ role: "witness", name: d.witness_name, image: d.signatures.witness }); }
      var body = { kind: kind, client_key: d.client_key, started_at: d.started_at, ended_at: new Date().toISOString(), place: d.place,
                   officer_ids: d.officer_ids, certificates_shown: d.certificates_shown, party_present: d.party_present,
                   person_name: d.person_name, person_role: d.person_role, person_id_number: d.person_id_number, person_phone: d.person_phone,
                   witness_name: d.witness_name, findings: d.findings, measures: d.measures, rights_read: d.rights_read,
                   questions: kind === "inquiry" ? d.questions : [], signatures: signatures, seal: true, case_version: d.case_version };
      if (d.position) { body.latitude = d.position.latitude; body.longitude = d.position.longitude; body.accuracy_m = d.position.accuracy_m; }
      var item = { type: "record", client_key: d.client_key, label: (kind === "inspection" ? "现场检查笔录 " : "询问笔录 ") + when(d.started_at),
                   url: "/api/v1/field/cases/" + c.id + "/records", body: body, draft: d, case_id: c.id };
      kvDelete(draftKey(c.id, kind)).then(function () { return enqueue(item); }).then(function () { location.hash = "#case-" + c.id; });
    });
  }

  // ---- a lead found during an inspection (来源：监督检查), registered like one at the desk ---------------------
  function leadScreen() {
    return Promise.all([kvGet("draft-lead"), position()]).then(function (got) {
      var d = got[0] || { client_key: uuid4(), registered_at: new Date().toISOString(), position: got[1], ip_type: "trademark" };
      var types = [["trademark", "商标（侵权）"], ["patent", "专利（假冒专利）"], ["copyright", "版权（侵权）"]];
      var kinds = [["organisation", "法人或其他组织"], ["individual_business", "个体工商户"], ["natural_person", "自然人"]];
      function select(name, label, options, value) {
        return '<label class="form-label mt-2" for="l-' + name + '">' + label + '</label><select class="form-select" id="l-' + name + '" name="' + name + '">' +
          options.map(function (o) { return '<option value="' + o[0] + '"' + (o[0] === value ? " selected" : "") + ">" + o[1] + "</option>"; }).join("") + "</select>";
      }
      screen.innerHTML = '<a href="#" class="small">‹ 我的案件</a><h1 class="h5 mt-2">登记线索（监督检查）</h1>' +
        '<p class="small text-muted" data-testid="lead-start">' + esc(when(d.registered_at)) + "<br>位置 " + esc(placeText(d.position)) + "</p>" +
        '<form id="lead-form" novalidate>' + field("title", "案由（简要）", d.title) + select("ip_type", "知识产权类型", types, d.ip_type) +
        field("description", "线索内容（发现的情况）", d.description, "textarea") + field("party_name", "当事人名称", d.party_name) +
        select("party_kind", "当事人类型", kinds, d.party_kind || "organisation") +
        field("party_uscc", "统一社会信用代码（法人或其他组织）", d.party_uscc) + field("party_id_number", "身份证号码（自然人）", d.party_id_number) +
        field("party_address", "地址", d.party_address) +
        '<div class="text-danger mt-3" data-testid="lead-error" id="lead-error"></div>' +
        '<button type="submit" class="btn btn-success btn-phone mt-3" data-testid="submit-lead">登记线索</button></form>';
      var form = document.getElementById("lead-form");
      function read() {
        ["title", "ip_type", "description", "party_name", "party_kind", "party_uscc", "party_id_number", "party_address"].forEach(function (n) { d[n] = form.elements[n].value; });
        return kvPut("draft-lead", d);
      }
      form.addEventListener("input", read);
      form.addEventListener("change", read);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        read();
        var error = !d.title.trim() ? "请填写案由。" : (!d.description.trim() ? "请填写线索内容。" : "");
        document.getElementById("lead-error").textContent = error;
        if (error) { return; }
        var body = { client_key: d.client_key, title: d.title, ip_type: d.ip_type, description: d.description, party_name: d.party_name,
                     party_kind: d.party_kind, party_uscc: d.party_uscc, party_id_number: d.party_id_number, party_address: d.party_address,
                     registered_at: d.registered_at };
        if (d.position) { body.latitude = d.position.latitude; body.longitude = d.position.longitude; body.accuracy_m = d.position.accuracy_m; }
        kvDelete("draft-lead").then(function () {
          return enqueue({ type: "lead", client_key: d.client_key, label: "线索 " + d.title, url: "/api/v1/field/leads", body: body });
        }).then(function () { location.hash = ""; });
      });
    });
  }

  // ---- a record the server refused goes back to its draft, to be corrected and sent again -----------------
  document.getElementById("sync-errors").addEventListener("click", function (event) {
    var edit = event.target.dataset.edit;
    var discard = event.target.dataset.discard;
    if (discard && window.confirm("放弃这条未提交的记录？")) { queueDelete(discard).then(showQueue); }
    if (edit) {
      queueAll().then(function (items) {
        var item = items.filter(function (i) { return i.client_key === edit; })[0];
        if (!item || item.type !== "record") { return; }
        var refresh = item.conflict ? loadCases().then(function (cases) {  // the case as it is now: the officer reviews it
          var now = cases.filter(function (x) { return x.id === item.case_id; })[0];
          item.draft.case_version = now ? now.version : item.draft.case_version;
          item.draft.reviewed_conflict = item.error;
        }) : Promise.resolve();
        return refresh.then(function () { return kvPut(draftKey(item.case_id, item.body.kind), item.draft); }).then(function () { return queueDelete(edit); }).then(function () {
          showQueue();
          location.hash = "#new-" + item.case_id + "-" + item.body.kind;
        });
      });
    }
  });

  function route() {
    var hash = location.hash.replace(/^#/, "");
    var m;
    if ((m = hash.match(/^case-(\d+)$/))) { return caseScreen(Number(m[1])); }
    if ((m = hash.match(/^new-(\d+)-(inspection|inquiry)$/))) { return recordScreen(Number(m[1]), m[2]); }
    if (hash === "lead") { return leadScreen(); }
    return home();
  }

  document.getElementById("sync").addEventListener("click", sync);
  window.addEventListener("online", function () { showNetwork(); sync(); });
  window.addEventListener("offline", showNetwork);
  window.addEventListener("hashchange", route);
  showNetwork();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(document.body.dataset.sw, { scope: "/m/" }).catch(function () { /* no offline copy */ });
  }
  openDb().then(function (opened) {
    db = opened;
    return (location.hash.match(/^#(case|new)-/) ? loadCases() : Promise.resolve()).then(route);
  }).then(sync);
})();
