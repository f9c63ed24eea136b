/* Search every name as cicc_data.find() does, from the index the build wrote (search-index.js):
   the query folded the same ways (script through OpenCC's table, tone marks and numbers, case, spaces
   and punctuation), then exact, script and pinyin matches, else partial ones, else fuzzy ones scored
   like RapidFuzz's ratio (200 * longest common subsequence / total length), best first. */
(function () {
  "use strict";
  var KINDS = {
    people: ["Person", "人物"], organizations: ["Organization", "机构"], editions: ["Edition", "届次"],
    subforums: ["Sub-forum", "分论坛"], outputs: ["Output", "成果"], events: ["Session", "会议活动"]
  };
  var HOW_LABEL = { exact: "exact", script: "other script", pinyin: "pinyin", partial: "part of a name", fuzzy: "close spelling" };
  var LIMIT = 10;
  var SHOWN = 60;
  var index = window.CICC_SEARCH || { how: [], entities: {}, keys: [], t2s: {}, fuzzy_cutoff: 80 };
  var HOW = index.how;
  var CODES = ["exact", "script", "pinyin"];
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var byKey = new Map(index.keys.map(function (k) { return [k[0], k[1]]; }));
  var keyChars = index.keys.map(function (k) { return Array.from(k[0]); });

  function fold(s) {
    return Array.from(s.normalize("NFKD").toLowerCase())
      .filter(function (c) { return /[\p{L}\p{N}]/u.test(c) && !/\p{M}/u.test(c); }).join("");
  }
  function latinKey(s) {
    return Array.from(s.normalize("NFKD").toLowerCase())
      .filter(function (c) { return /\p{L}/u.test(c) && !/\p{M}/u.test(c); }).join("");
  }
  function simplified(s) {
    if (!CJK.test(s)) { return s; }
    return Array.from(s).map(function (c) { return index.t2s[c] || c; }).join("");
  }
  function ratio(a, b) { /* RapidFuzz fuzz.ratio: normalized Indel similarity, 0-100 */
    var n = a.length, m = b.length;
    if (!n && !m) { return 100; }
    var prev = new Array(m + 1).fill(0), cur = new Array(m + 1).fill(0);
    for (var i = 1; i <= n; i++) {
      for (var j = 1; j <= m; j++) {
        cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      var t = prev; prev = cur; cur = t;
    }
    return 200 * prev[m] / (n + m);
  }
  function rank(how) { return HOW.indexOf(how); }
  function round1(x) { return Math.round(x * 10) / 10; }

  function find(name) {
    var queries = Array.from(new Set([fold(name), fold(simplified(name)), latinKey(name)])).filter(Boolean);
    var best = new Map();
    function offer(entry, how, score) {
      var eid = entry[2], old = best.get(eid);
      if (!old || rank(how) < rank(old.how) || (rank(how) === rank(old.how) && score > old.score)) {
        best.set(eid, { id: eid, how: how, score: round1(score), shown: entry[1] });
      }
    }
    queries.forEach(function (q) {
      (byKey.get(q) || []).forEach(function (e) { offer(e, CODES[e[0]], 100); });
    });
    if (!best.size) {
      queries.forEach(function (q) {
        var ql = Array.from(q).length;
        if (ql < 2) { return; }
        index.keys.forEach(function (k, i) {
          if (k[0].indexOf(q) >= 0) {
            k[1].forEach(function (e) { offer(e, "partial", 100 * ql / keyChars[i].length); });
          }
        });
      });
    }
    if (!best.size) {
      queries.forEach(function (q) {
        var qc = Array.from(q), hits = [];
        keyChars.forEach(function (kc, i) {
          var s = ratio(qc, kc);
          if (s >= index.fuzzy_cutoff) { hits.push([s, i]); }
        });
        hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
        hits.slice(0, LIMIT).forEach(function (h) {
          index.keys[h[1]][1].forEach(function (e) { offer(e, "fuzzy", h[0]); });
        });
      });
    }
    return Array.from(best.values()).sort(function (a, b) {
      var ea = index.entities[a.id], eb = index.entities[b.id];
      return rank(a.how) - rank(b.how) || b.score - a.score ||
        (ea[0] < eb[0] ? -1 : ea[0] > eb[0] ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
  }
  window.ciccFind = find;

  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("status");
  if (!input || !list) { return; }
  function el(tag, text, attrs) {
    var n = document.createElement(tag);
    if (text) { n.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    return n;
  }
  function item(m) {
    var e = index.entities[m.id], li = el("li"), kind = KINDS[e[0]] || [e[0], ""];
    var a = e[3] ? el("a", "", { href: e[3] }) : el("span");
    if (e[1]) { a.appendChild(el("span", e[1], { lang: "zh-Hans" })); a.appendChild(document.createTextNode(" ")); }
    if (e[2]) { a.appendChild(el("span", e[2], { lang: "en" })); }
    if (!e[1] && !e[2]) { a.appendChild(el("span", m.id, { lang: "en" })); }
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", kind[0] + " " + kind[1], { "class": "kind" }));
    var via = m.shown && m.shown !== e[1] && m.shown !== e[2] ? m.shown + ", " : "";
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", "(" + via + HOW_LABEL[m.how] + ")", { "class": "via", "data-how": m.how }));
    return li;
  }
  function run() {
    list.textContent = "";
    if (!input.value.trim()) { status.textContent = "Type a name · 请输入名称"; return; }
    var hits = find(input.value), shown = hits.slice(0, SHOWN);
    status.textContent = hits.length + (hits.length === 1 ? " match" : " matches") + " · " + hits.length + " 条结果" +
      (hits.length > shown.length ? " (first " + shown.length + ")" : "");
    shown.forEach(function (m) { list.appendChild(item(m)); });
  }
  input.addEventListener("input", run);
  var form = document.getElementById("search-form");
  if (form) { form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); }); }
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); }
  run();
})();
