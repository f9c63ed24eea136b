/* Search every name in the generated index (search-index.js); plain JavaScript, no network. */
(function () {
  "use strict";
  var KINDS = {
    person: ["Person", "人物"], organization: ["Organization", "机构"], edition: ["Edition", "届次"],
    subforum: ["Sub-forum", "分论坛"], output: ["Output", "成果"], session: ["Session", "会议活动"], topic: ["Topic", "议题"]
  };
  var ORDER = ["person", "organization", "edition", "topic", "subforum", "session", "output"];
  var T2S = window.CICC_T2S || {};
  function fold(s) {
    var text = Array.from(String(s)).map(function (c) { return T2S[c] || c; }).join("");
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  }
  var entries = (window.CICC_INDEX || []).map(function (e) {
    return { kind: e[0], url: e[1], en: e[2], zh: e[3], names: e[4], folded: e[4].map(fold) };
  });
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("status");
  if (!input || !list) { return; }
  function el(tag, text, attrs) {
    var n = document.createElement(tag);
    if (text) { n.textContent = text; }
    for (var k in (attrs || {})) { n.setAttribute(k, attrs[k]); }
    return n;
  }
  function run() {
    var q = fold(input.value);
    list.textContent = "";
    if (!q) { status.textContent = "Type a name · 请输入名称"; return; }
    var hits = [];
    entries.forEach(function (e) {
      var best = 9, via = "";
      e.folded.forEach(function (f, i) {
        var s = f === q ? 0 : (f.indexOf(q) === 0 ? 1 : (f.indexOf(q) > 0 ? 2 : 9));
        if (s < best) { best = s; via = e.names[i]; }
      });
      if (best < 9) { hits.push({ e: e, score: best, via: via }); }
    });
    hits.sort(function (a, b) {
      return a.score - b.score || ORDER.indexOf(a.e.kind) - ORDER.indexOf(b.e.kind) ||
        (a.e.en < b.e.en ? -1 : a.e.en > b.e.en ? 1 : 0);
    });
    var shown = hits.slice(0, 60);
    status.textContent = hits.length + (hits.length === 1 ? " match" : " matches") + " · " + hits.length + " 条结果" +
      (hits.length > shown.length ? " (first " + shown.length + ")" : "");
    shown.forEach(function (h) {
      var li = el("li");
      var a = el("a", "", { href: h.e.url });
      if (h.e.zh) { a.appendChild(el("span", h.e.zh, { lang: "zh-Hans" })); a.appendChild(document.createTextNode(" ")); }
      if (h.e.en) { a.appendChild(el("span", h.e.en, { lang: "en" })); }
      li.appendChild(a);
      var k = KINDS[h.e.kind] || [h.e.kind, ""];
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", k[0] + " " + k[1], { "class": "kind" }));
      if (h.via && h.via !== h.e.en && h.via !== h.e.zh) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", "(" + h.via + ")", { "class": "via" }));
      }
      list.appendChild(li);
    });
  }
  input.addEventListener("input", run);
  var form = document.getElementById("search-form");
  if (form) { form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); }); }
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); }
  run();
})();
