
(function () {
  "use strict";
  var t0 = performance.now();
  var timings = window.kgTimings = {start: t0};
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  window.kgData = data;
  timings.parsed = performance.now() - t0;
  var S = data.style;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function tipElement(rows) {
    var box = el("div", "kg-tip");
    rows.forEach(function (r, i) {
      if (i === 0 && !r[0]) { box.appendChild(el("div", "kg-tip-h", r[1])); return; }
      var line = el("div", "kg-tip-r");
      line.appendChild(el("span", "kg-tip-k", r[0]));
      line.appendChild(el("span", "kg-tip-v", r[1]));
      box.appendChild(line);
    });
    return box;
  }
  function norm(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(/[\s\-_\u00b7\u30fb\u2022\u2027.,'\u2019]+/g, "");
  }

  document.title = data.title;
  document.getElementById("kg-title").textContent = data.title + (data.asOf ? " (as of " + data.asOf + ")" : "");

  // ---- nodes and edges -------------------------------------------------------------------------
  var byId = {};
  // Tooltips are DOM elements built with textContent. Big graphs get them on first hover
  // (building thousands up front delays the first drawing); small ones get them up front.
  var eager = !data.big;
  var titled = {nodes: {}, edges: {}};
  var groups = {};
  ["person", "company", "unit", "committee"].forEach(function (k) {
    groups[k] = {shape: S[k].shape, color: S[k].color};
    if (S[k].size) groups[k].size = S[k].size;
  });
  var nodeItems = data.nodes.map(function (n) {
    byId[n.id] = n;
    var item = {id: n.id, label: n.label, x: n.x, y: n.y, group: groups[n.kind] ? n.kind : "person"};
    if (eager) { item.title = tipElement(n.tip); titled.nodes[n.id] = true; }
    return item;
  });
  var edgeItems = data.edges.map(function (e) {
    var st = S[e.rel] || S.memberOf;
    var item = {id: e.id, from: e.from, to: e.to, label: e.label,
                color: {color: st.color, highlight: st.color, hover: st.color, opacity: e.former ? 0.6 : 1},
                width: st.width, dashes: e.former || e.rel === "unitOf" ? [6, 4] : false};
    if (eager) { item.title = tipElement(e.tip); titled.edges[e.id] = true; }
    if (e.nth > 0) item.smooth = {enabled: true, type: e.nth % 2 ? "curvedCW" : "curvedCCW",
                                  roundness: 0.15 * Math.ceil(e.nth / 2)};
    return item;
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  timings.datasets = performance.now() - t0;

  var options = {
    autoResize: true,
    layout: {improvedLayout: false, randomSeed: 1},
    groups: groups,
    physics: {enabled: false},
    interaction: {hover: true, tooltipDelay: 100, hideEdgesOnDrag: data.big, hideEdgesOnZoom: data.big,
                  keyboard: false, multiselect: false, navigationButtons: false},
    nodes: {font: {face: data.font, size: 14, color: "#222", multi: false}, borderWidth: 1,
            scaling: {label: {drawThreshold: 6}}},
    edges: {arrows: {to: {enabled: true, scaleFactor: 0.5}}, smooth: false,
            font: {face: data.font, size: 10, color: "#555", strokeWidth: 3, strokeColor: "#fff", align: "horizontal",
                   multi: false},
            selectionWidth: 1.5, hoverWidth: 0.5}
  };
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  window.kgNetwork = network;
  timings.created = performance.now() - t0;
  network.once("afterDrawing", function () {
    timings.firstDraw = performance.now() - t0;
    window.kgReady = true;
  });
  network.on("hoverNode", function (p) {
    if (!titled.nodes[p.node]) { titled.nodes[p.node] = true; nodes.update({id: p.node, title: tipElement(byId[p.node].tip)}); }
  });
  network.on("hoverEdge", function (p) {
    if (!titled.edges[p.edge]) { titled.edges[p.edge] = true; edges.update({id: p.edge, title: tipElement(data.edges[p.edge].tip)}); }
  });
  var status = document.getElementById("kg-status");
  status.textContent = data.nodes.length + " nodes, " + data.edges.length + " lines";

  // ---- details panel ---------------------------------------------------------------------------
  var info = document.getElementById("kg-info");
  function showInfo(rows, more) {
    while (info.firstChild) info.removeChild(info.firstChild);
    if (!rows) { info.style.display = "none"; return; }
    info.appendChild(tipElement(rows));
    if (more) info.appendChild(more);
    info.style.display = "block";
  }
  // a node's posts, each with its dates and source sentence: read from its lines (nothing is stored twice)
  var postsOf = {};
  data.edges.forEach(function (e) {
    if (e.rel === "memberOf" || e.rel === "headOf") (postsOf[e.from] = postsOf[e.from] || []).push(e);
  });
  function tipValue(rows, key) {
    for (var i = 1; i < rows.length; i++) if (rows[i][0] === key) return rows[i][1];
    return null;
  }
  function postList(id) {
    var posts = (postsOf[id] || []).slice();
    if (!posts.length) return null;
    function when(e) { return e.vs || e.rep || e.ve || "~"; }  // undated last
    posts.sort(function (a, b) { return when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : a.id - b.id; });
    // a post one source calls current and another former: each is listed with its dates, and marked
    var states = {};
    function key(e) { return e.to + "\u0000" + (tipValue(e.tip, "role") || ""); }
    posts.forEach(function (e) { (states[key(e)] = states[key(e)] || {})[e.former ? "former" : "current"] = true; });
    var box = el("div", "kg-posts");
    box.appendChild(el("div", "kg-tip-h", "posts (" + posts.length + ")"));
    posts.forEach(function (e) {
      var item = el("div", "kg-post");
      var org = byId[e.to] ? byId[e.to].label : e.to;
      item.appendChild(el("div", "kg-post-h", (tipValue(e.tip, "role") || "member") + " · " + org +
                                              (e.former ? " (former)" : " (current)")));
      var dates = [tipValue(e.tip, "dates"), e.rep ? "reported " + e.rep : null].filter(Boolean).join(" · ");
      item.appendChild(el("div", "kg-post-d", dates || "date unknown"));
      var state = states[key(e)];
      if (state.current && state.former) item.appendChild(el("div", "kg-clash", "current in one source, former in another"));
      var source = tipValue(e.tip, "source");
      if (source) item.appendChild(el("div", "kg-src", source));
      box.appendChild(item);
    });
    return box;
  }
  function showNode(id) { showInfo(byId[id].tip, postList(id)); }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showInfo(data.edges[p.edges[0]].tip);
    else showInfo(null);
  });
  function fit() { network.fit({animation: false}); }
  window.kgFit = fit;
  document.getElementById("kg-fit").addEventListener("click", fit);

  // ---- search ----------------------------------------------------------------------------------
  var input = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  var index = data.nodes.map(function (n) {
    var names = [n.label].concat(n.names || []);
    return {id: n.id, names: names.map(norm), label: n.label, kind: n.kind};
  });
  function search(q) {
    var k = norm(q);
    if (!k) return [];
    var exact = [], prefix = [], part = [];
    index.forEach(function (n) {
      if (n.names.indexOf(k) >= 0 || n.id === q) exact.push(n);
      else if (n.names.some(function (x) { return x.indexOf(k) === 0; })) prefix.push(n);
      else if (n.names.some(function (x) { return x.indexOf(k) > 0; })) part.push(n);
    });
    return exact.concat(prefix, part);
  }
  function selectNode(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: false});
    showNode(id);
    results.style.display = "none";
  }
  window.kgSelect = selectNode;
  function showResults() {
    while (results.firstChild) results.removeChild(results.firstChild);
    var found = search(input.value);
    if (!input.value) { results.style.display = "none"; return found; }
    if (!found.length) results.appendChild(el("div", "kg-tip-r", "no match"));
    found.slice(0, 30).forEach(function (n) {
      var b = el("button", null, n.label);
      b.type = "button";
      b.appendChild(el("span", "kg-kind", n.kind));
      b.addEventListener("click", function () { selectNode(n.id); });
      results.appendChild(b);
    });
    if (found.length > 30) results.appendChild(el("div", "kg-tip-r", "… " + (found.length - 30) + " more"));
    results.style.display = "block";
    return found;
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = showResults();
      if (found.length) selectNode(found[0].id);
    } else if (ev.key === "Escape") {
      results.style.display = "none";
    }
  });

  // ---- date filter (only when the graph has dates) ---------------------------------------------
  var dateBox = document.getElementById("kg-datebox");
  var dateInput = document.getElementById("kg-date");
  function validOn(e, day) {
    if (e.vs && e.vs > day) return false;
    if (e.ended || e.ve) return !!e.ve && e.ve > day;
    return true;
  }
  var hiddenNow = {};
  function setDate(day) {
    var updates = [], shown = 0;
    data.edges.forEach(function (e) {
      var hide = day ? !validOn(e, day) : false;
      if (!hide) shown++;
      if (hide !== !!hiddenNow[e.id]) { updates.push({id: e.id, hidden: hide}); hiddenNow[e.id] = hide; }
    });
    if (updates.length) edges.update(updates);
    status.textContent = data.nodes.length + " nodes, " + shown + " of " + data.edges.length + " lines" +
      (day ? " valid on " + day : "");
  }
  window.kgSetDate = setDate;
  // the day is typed as YYYY-MM-DD (a date input shows the browser's locale format, such as mm/dd/yyyy)
  function isoDay(v) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
    var d = new Date(v + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : null;
  }
  if (data.dates.length) {
    dateBox.style.display = "inline-flex";
    dateInput.title = "dates in this graph: " + data.dates[0] + " to " + data.dates[data.dates.length - 1];
    var known = document.getElementById("kg-dates");
    data.dates.forEach(function (d) { var o = document.createElement("option"); o.value = d; known.appendChild(o); });
    dateInput.addEventListener("change", function () {
      var v = dateInput.value.trim();
      if (!v) { dateInput.setCustomValidity(""); setDate(null); return; }
      var day = isoDay(v);
      if (!day) {
        dateInput.setCustomValidity("YYYY-MM-DD");
        status.textContent = "not a date: " + v + " (YYYY-MM-DD)";
        return;
      }
      dateInput.setCustomValidity("");
      setDate(day);
    });
    document.getElementById("kg-date-clear").addEventListener("click", function () {
      dateInput.value = ""; dateInput.setCustomValidity(""); setDate(null);
    });
  }

  // ---- legend ----------------------------------------------------------------------------------
  var legend = document.getElementById("kg-legend");
  ["person", "company", "unit", "committee"].forEach(function (k) {
    var item = el("span", "kg-legend-item");
    var sw = el("span", "kg-sw");
    sw.style.background = S[k].color.background;
    sw.style.borderColor = S[k].color.border;
    if (k === "person") sw.style.borderRadius = "50%";
    if (k === "company") sw.style.transform = "rotate(45deg) scale(.8)";
    if (k === "committee") sw.style.borderRadius = "30%";
    item.appendChild(sw);
    item.appendChild(document.createTextNode(k + " (" + (data.counts[k] || 0) + ")"));
    legend.appendChild(item);
  });
  Object.keys(data.relations).forEach(function (rel) {
    var item = el("span", "kg-legend-item");
    var line = el("span", "kg-line");
    line.style.borderTopColor = S[rel].color;
    if (rel === "unitOf") line.style.borderTopStyle = "dashed";
    item.appendChild(line);
    item.appendChild(document.createTextNode(data.relations[rel]));
    legend.appendChild(item);
  });
  var former = el("span", "kg-legend-item");
  var fl = el("span", "kg-line");
  fl.style.borderTopStyle = "dashed";
  fl.style.borderTopColor = "#aaa";
  former.appendChild(fl);
  former.appendChild(document.createTextNode("former"));
  legend.appendChild(former);
})();
