/* kg network view.
 * Every string in the graph is article text and may be hostile: it reaches the DOM only through
 * textContent (or as the value of a property such as href, after checking the URL's scheme).
 * Never innerHTML, never insertAdjacentHTML, never a vis "title" (vis shows HTML titles as HTML). */
(function () {
  "use strict";

  var STRINGS = {
    en: {
      search: "Find an entity (name or alias)…", noMatch: "no match", legend: "Entity types", relations: "Relations",
      confidence: "Minimum confidence", showNegated: "show negated facts (grey, dotted)", all: "all", none: "none",
      expandAll: "open all groups", collapseAll: "close all groups", entities: "entities", facts: "facts",
      hint: "Click or hover an entity or a relation to see its evidence.", aliases: "Also called",
      factsOf: "Facts", evidence: "Evidence", more: "more not shown", confidenceWord: "confidence",
      by: "according to", amount: "amount", time: "time", noSentence: "(no sentence)", group: "Group",
      members: "members", open: "open this group", close: "close this group", between: "facts between",
      and: "and", physics: "live layout", precomputed: "precomputed layout", overview: "overview: click a grey circle to open its group",
      asserted: "asserted", reported: "reported", expected: "expected", negated: "negated",
      lineAsserted: "asserted", lineReported: "reported or expected", lineNegated: "negated",
      filtersReset: "Filters were reset to show this entity.", empty: "Nothing to show: no entity matches the view's filters.",
      article: "article", smallGroups: "small groups and isolated entities"
    },
    fr: {
      search: "Chercher une entité (nom ou alias)…", noMatch: "aucun résultat", legend: "Types d’entités",
      relations: "Relations", confidence: "Confiance minimale", showNegated: "afficher les faits niés (gris, pointillés)",
      all: "tout", none: "rien", expandAll: "ouvrir tous les groupes", collapseAll: "refermer tous les groupes",
      entities: "entités", facts: "faits", hint: "Cliquez sur une entité ou une relation (ou survolez-la) pour voir ses preuves.",
      aliases: "Aussi appelé", factsOf: "Faits", evidence: "Preuves", more: "autres non affichés",
      confidenceWord: "confiance", by: "selon", amount: "montant", time: "date", noSentence: "(pas de phrase)",
      group: "Groupe", members: "membres", open: "ouvrir ce groupe", close: "refermer ce groupe",
      between: "faits entre", and: "et", physics: "disposition dynamique", precomputed: "disposition précalculée",
      overview: "vue d’ensemble : cliquez sur un cercle gris pour ouvrir son groupe",
      asserted: "affirmé", reported: "rapporté", expected: "attendu", negated: "nié",
      lineAsserted: "affirmé", lineReported: "rapporté ou attendu", lineNegated: "nié",
      filtersReset: "Les filtres ont été remis à zéro pour montrer cette entité.",
      empty: "Rien à montrer : aucune entité ne correspond aux filtres de la vue.", article: "article",
      smallGroups: "petits groupes et entités isolées"
    }
  };
  var SHAPES = ["dot", "square", "triangle", "triangleDown", "diamond", "hexagon", "star"];
  var MAX_ROWS = 60;
  var MAX_FACTS = 100;

  function shorten(s) { s = String(s).replace(/\s+/g, " ").trim(); return s.length > 48 ? s.slice(0, 47) + "…" : s; }
  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }
  var nodeItems = readJson("kg-nodes");
  var edgeItems = readJson("kg-edges");
  var options = readJson("kg-options");
  var kg = readJson("kg-data");
  var T = STRINGS[String(kg.lang).slice(0, 2)] || STRINGS.en;
  var numberFormat;
  try { numberFormat = new Intl.NumberFormat(kg.lang); } catch (err) { numberFormat = new Intl.NumberFormat("en"); }

  // ------------------------------------------------------------------------------------ indexes
  var nodeById = new Map();
  var edgeById = new Map();
  var incident = new Map();
  var typeByName = new Map();
  var groupMembers = new Map();
  nodeItems.forEach(function (n) {
    // Python leaves out what equals the default, to keep big pages small
    if (n.name === undefined) n.name = n.label;
    if (!n.aliases) n.aliases = [];
    if (n.community === undefined) n.community = -1;
    nodeById.set(n.id, n);
    incident.set(n.id, []);
    if (n.community >= 0) {
      if (!groupMembers.has(n.community)) groupMembers.set(n.community, []);
      groupMembers.get(n.community).push(n);
    }
  });
  edgeItems.forEach(function (e, i) {
    e.facts = kg.facts[i];
    if (!e.factCount) e.factCount = 1;
    e.negated = e.negated === true;
    e.label = (e.negated ? "¬ " : "") + shorten(e.relation) + (e.factCount > 1 ? " ×" + e.factCount : "");
    edgeById.set(e.id, e);
    incident.get(e.from).push(e);
    if (e.to !== e.from) incident.get(e.to).push(e);
  });
  kg.types.forEach(function (t) { typeByName.set(t.type, t); });
  var groups = new Map();
  kg.communities.forEach(function (g) { groups.set(g.index, g); });

  // ids for the overview's meta-nodes and meta-edges, chosen so they cannot equal an entity IRI
  var META = "\u0001group:";
  while (nodeItems.some(function (n) { return String(n.id).indexOf(META) === 0; })) META += "\u0001";
  function metaId(c) { return META + c; }
  function isMeta(id) { return typeof id === "string" && id.indexOf(META) === 0 && !nodeById.has(id); }
  function metaIndex(id) { return Number(String(id).slice(META.length)); }

  // ------------------------------------------------------------------------------------ state
  var hiddenTypes = new Set();
  var hiddenRelations = new Set();
  var minConfidence = 0;
  var showNegated = true;
  var initiallyCollapsed = kg.communities.filter(function (g) { return g.collapsed; }).map(function (g) { return g.index; });
  var collapsed = new Set(initiallyCollapsed);
  var pinned = null;
  var current = null;
  var nodeHidden = new Map();
  var edgeHidden = new Map();
  var metaNodeState = new Map();
  var metaEdgeIds = [];

  function edgePasses(e) {
    return !hiddenRelations.has(e.predicate) && e.confidence >= minConfidence - 1e-9 && (showNegated || !e.negated);
  }
  function isCollapsed(n) { return n.community >= 0 && collapsed.has(n.community); }

  /* What is visible under the current filters and open groups. */
  function compute() {
    var typeOk = function (n) { return !hiddenTypes.has(n.group); };
    var touched = null;
    if (hiddenRelations.size > 0 || minConfidence > 0 || !showNegated) {
      touched = new Set();
      edgeItems.forEach(function (e) {
        if (edgePasses(e) && typeOk(nodeById.get(e.from)) && typeOk(nodeById.get(e.to))) { touched.add(e.from); touched.add(e.to); }
      });
    }
    var passes = new Map();
    var shown = new Map();
    nodeItems.forEach(function (n) {
      var ok = typeOk(n) && (!touched || touched.has(n.id));
      passes.set(n.id, ok);
      shown.set(n.id, ok && !isCollapsed(n));
    });
    var edgeShown = new Map();
    var metaEdges = new Map();
    var endpoint = function (id) { var n = nodeById.get(id); return isCollapsed(n) ? metaId(n.community) : id; };
    edgeItems.forEach(function (e) {
      var ok = edgePasses(e) && passes.get(e.from) && passes.get(e.to);
      edgeShown.set(e.id, ok && shown.get(e.from) && shown.get(e.to));
      if (!ok || collapsed.size === 0) return;
      var a = endpoint(e.from), b = endpoint(e.to);
      if (a === b || (a === e.from && b === e.to)) return;
      var key = a < b ? a + "\u0000" + b : b + "\u0000" + a;
      var m = metaEdges.get(key);
      if (!m) { m = {from: a < b ? a : b, to: a < b ? b : a, count: 0}; metaEdges.set(key, m); }
      m.count += e.factCount;
    });
    var members = new Map();
    collapsed.forEach(function (c) {
      members.set(c, (groupMembers.get(c) || []).filter(function (n) { return passes.get(n.id); }).length);
    });
    return {passes: passes, shown: shown, edgeShown: edgeShown, metaEdges: metaEdges, members: members};
  }

  function groupName(g) {
    var lead = g.lead === null ? null : nodeById.get(g.lead);
    return lead ? lead.name : T.smallGroups;
  }
  function metaNodeItem(c, count) {
    var g = groups.get(c);
    // a bubble about as big as the community it stands for, drawn where the community is
    var size = Math.max(20, Math.round(g.radius * 0.7));
    return {
      id: metaId(c), label: shorten(groupName(g)) + "  (" + count + ")", meta: true, metaGroup: c,
      shape: "dot", size: size, x: g.x, y: g.y, borderWidth: 2,
      color: {background: "#dfe4ea", border: "#7b8794", highlight: {background: "#cbd2d9", border: "#1f2933"},
              hover: {background: "#cbd2d9", border: "#1f2933"}},
      font: {size: Math.max(16, Math.round(size / 5)), color: "#323f4b"}, hidden: count === 0
    };
  }
  function metaEdgeItem(m) {
    return {
      id: META + "edge:" + m.from + "\u0000" + m.to, from: m.from, to: m.to, meta: true, label: String(m.count),
      width: Math.min(8, 1 + Math.log2(m.count)), arrows: {to: {enabled: false}}, smooth: {enabled: false},
      color: {color: "#9aa5b1", highlight: "#1f2933", hover: "#1f2933", opacity: 0.6}, font: {size: 10, color: "#7b8794"}
    };
  }

  var state = compute();
  nodeItems.forEach(function (n) { n.hidden = !state.shown.get(n.id); nodeHidden.set(n.id, n.hidden); });
  edgeItems.forEach(function (e) { e.hidden = !state.edgeShown.get(e.id); edgeHidden.set(e.id, e.hidden); });
  var metaNodes = [];
  groups.forEach(function (g, c) {
    var count = state.members.has(c) ? state.members.get(c) : 0;
    var item = metaNodeItem(c, count);
    item.hidden = !collapsed.has(c) || count === 0;
    metaNodeState.set(c, {hidden: item.hidden, label: item.label});
    metaNodes.push(item);
  });
  var metaEdges = [];
  state.metaEdges.forEach(function (m) { var item = metaEdgeItem(m); metaEdges.push(item); metaEdgeIds.push(item.id); });
  current = state;

  // ------------------------------------------------------------------------------------ network
  var container = document.getElementById("kg-network");
  var nodes = new vis.DataSet(nodeItems.concat(metaNodes));
  var edges = new vis.DataSet(edgeItems.concat(metaEdges));
  if (nodeItems.length === 0) options.physics = {enabled: false};
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);

  var view = window.kgView = {
    network: network, nodes: nodes, edges: edges, ready: false,
    counts: function () { return {nodes: nodeItems.length, edges: edgeItems.length}; }
  };

  /* Apply a new visibility state to the DataSets, touching only what changed. */
  function refresh() {
    var next = compute();
    var nodeUpdates = [];
    nodeItems.forEach(function (n) {
      var hidden = !next.shown.get(n.id);
      if (hidden !== nodeHidden.get(n.id)) { nodeHidden.set(n.id, hidden); nodeUpdates.push({id: n.id, hidden: hidden}); }
    });
    groups.forEach(function (g, c) {
      var count = next.members.has(c) ? next.members.get(c) : 0;
      var hidden = !collapsed.has(c) || count === 0;
      var item = metaNodeItem(c, count);
      var old = metaNodeState.get(c);
      if (old.hidden !== hidden || old.label !== item.label) {
        metaNodeState.set(c, {hidden: hidden, label: item.label});
        nodeUpdates.push({id: item.id, hidden: hidden, label: item.label, size: item.size});
      }
    });
    var edgeUpdates = [];
    edgeItems.forEach(function (e) {
      var hidden = !next.edgeShown.get(e.id);
      if (hidden !== edgeHidden.get(e.id)) { edgeHidden.set(e.id, hidden); edgeUpdates.push({id: e.id, hidden: hidden}); }
    });
    if (metaEdgeIds.length) edges.remove(metaEdgeIds);
    metaEdgeIds = [];
    var added = [];
    next.metaEdges.forEach(function (m) { var item = metaEdgeItem(m); added.push(item); metaEdgeIds.push(item.id); });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    if (added.length) edges.add(added);
    current = next;
    updateSummary();
  }

  // ------------------------------------------------------------------------------------ DOM helpers
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function button(text, onClick, className) {
    var b = el("button", className || "kg-small", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) { return null; }
  }
  function swatch(type) {
    var t = typeByName.get(type);
    var s = el("span", "kg-swatch");
    if (t) {
      s.style.background = t.color;
      if (SHAPES.indexOf(t.shape) >= 0) s.classList.add("kg-shape-" + t.shape);
    }
    return s;
  }
  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim(); }
  function percent(x) { return Math.round(x * 100) + " %"; }

  var details = document.getElementById("kg-details");

  function showHint(text) {
    clear(details);
    details.appendChild(el("p", "kg-hint", text || (nodeItems.length ? T.hint : T.empty)));
  }

  function edgeRowText(e, fromSide) {
    var rel = (e.negated ? "¬ " : "") + e.relation + (e.factCount > 1 ? " ×" + e.factCount : "");
    if (e.from === e.to) return rel + " ↺";
    return fromSide ? rel + " → " + nodeById.get(e.to).name : nodeById.get(e.from).name + " → " + rel;
  }

  function renderNode(id) {
    var n = nodeById.get(id);
    if (!n) return;
    clear(details);
    details.appendChild(el("h2", "kg-name", n.name));
    var t = typeByName.get(n.group);
    var badge = el("span", "kg-badge", t ? t.label : n.group);
    if (t) badge.style.background = t.color;
    details.appendChild(badge);
    details.appendChild(el("div", "kg-iri", n.id));
    if (n.aliases && n.aliases.length) {
      details.appendChild(el("h3", null, T.aliases));
      var ul = el("ul", "kg-aliases");
      n.aliases.forEach(function (a) { ul.appendChild(el("li", null, a)); });
      details.appendChild(ul);
    }
    var g = groups.get(n.community);
    if (g && g.size >= 2 && kg.mode === "overview") {
      details.appendChild(button(T.close, function () { collapseGroup(n.community); }));
    }
    var rows = (incident.get(id) || []).slice().sort(function (a, b) {
      return b.factCount - a.factCount || (a.relation < b.relation ? -1 : a.relation > b.relation ? 1 : 0);
    });
    var total = rows.reduce(function (sum, e) { return sum + e.factCount; }, 0);
    details.appendChild(el("h3", null, T.factsOf + " (" + total + ")"));
    var list = el("ul", "kg-rel-list");
    rows.slice(0, MAX_ROWS).forEach(function (e) {
      var li = el("li");
      li.appendChild(button(edgeRowText(e, e.from === id), function () { selectEdge(e.id); }, "kg-row"));
      list.appendChild(li);
    });
    details.appendChild(list);
    if (rows.length > MAX_ROWS) details.appendChild(el("p", "kg-more", "+" + (rows.length - MAX_ROWS) + " " + T.more));
  }

  function renderFact(f) {
    var box = el("div", "kg-fact kg-" + (T[f.modality] ? f.modality : "asserted"));
    box.appendChild(el("p", "kg-sentence", f.sentence || T.noSentence));
    var article = kg.articles[f.article] || {};
    var source = el("div", "kg-source");
    var title = article.title || article.id || T.article;
    var href = safeHref(article.url);
    if (href) {
      var a = el("a", null, title);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      source.appendChild(a);
    } else {
      source.appendChild(el("span", null, title));
    }
    if (article.date) source.appendChild(document.createTextNode(" · " + article.date));
    box.appendChild(source);
    var parts = [];
    if (typeof f.confidence === "number") parts.push(T.confidenceWord + " " + percent(f.confidence));
    var modality = T[f.modality] || f.modality;
    if (f.attribution) modality += " — " + T.by + " " + f.attribution;
    parts.push(modality);
    if (typeof f.amount === "number") parts.push(T.amount + " " + numberFormat.format(f.amount) + (f.currency ? " " + f.currency : ""));
    if (f.time) parts.push(T.time + " " + f.time);
    box.appendChild(el("div", "kg-qualifiers", parts.join(" · ")));
    return box;
  }

  function renderEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    clear(details);
    var head = el("div", "kg-edge-title");
    head.appendChild(button(nodeById.get(e.from).name, function () { focusNode(e.from); }, "kg-row"));
    head.appendChild(el("div", null, (e.negated ? "¬ " : "") + e.relation + " →"));
    head.appendChild(button(nodeById.get(e.to).name, function () { focusNode(e.to); }, "kg-row"));
    details.appendChild(head);
    details.appendChild(el("div", "kg-iri", e.predicate));
    details.appendChild(el("h3", null, T.evidence + " (" + e.facts.length + ")"));
    e.facts.slice(0, MAX_FACTS).forEach(function (f) { details.appendChild(renderFact(f)); });
    if (e.facts.length > MAX_FACTS) details.appendChild(el("p", "kg-more", "+" + (e.facts.length - MAX_FACTS) + " " + T.more));
  }

  function renderGroup(c) {
    var g = groups.get(c);
    if (!g) return;
    clear(details);
    details.appendChild(el("h2", "kg-name", T.group + " : " + groupName(g)));
    details.appendChild(el("p", null, g.size + " " + T.members));
    details.appendChild(collapsed.has(c) ? button(T.open, function () { expandGroup(c, true); })
                                         : button(T.close, function () { collapseGroup(c); }));
    var list = el("ul", "kg-rel-list");
    (groupMembers.get(c) || []).slice().sort(function (a, b) { return b.size - a.size; }).slice(0, MAX_ROWS).forEach(function (n) {
      var li = el("li");
      li.appendChild(button(n.name, function () { focusNode(n.id); }, "kg-row"));
      list.appendChild(li);
    });
    details.appendChild(list);
  }

  function renderMetaEdge(id) {
    var item = edges.get(id);
    if (!item) return;
    clear(details);
    var name = function (end) { return isMeta(end) ? T.group + " " + groupName(groups.get(metaIndex(end))) : nodeById.get(end).name; };
    details.appendChild(el("p", null, item.label + " " + T.between + " " + name(item.from) + " " + T.and + " " + name(item.to)));
    [item.from, item.to].forEach(function (end) {
      if (isMeta(end)) details.appendChild(button(T.open + " — " + name(end), function () { expandGroup(metaIndex(end), true); }));
    });
  }

  function pin(kind, id) {
    pinned = {kind: kind, id: id};
    if (kind === "node") renderNode(id);
    else if (kind === "edge") renderEdge(id);
    else if (kind === "group") renderGroup(id);
    else if (kind === "metaEdge") renderMetaEdge(id);
  }

  // ------------------------------------------------------------------------------------ actions
  function selectEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    if (edgeHidden.get(id)) {
      [e.from, e.to].forEach(function (end) { var n = nodeById.get(end); if (isCollapsed(n)) collapsed.delete(n.community); });
      refresh();
    }
    network.selectEdges([id]);
    pin("edge", id);
  }

  function expandGroup(c, fit) {
    if (!groups.has(c)) return;
    collapsed.delete(c);
    refresh();
    network.unselectAll();
    pin("group", c);
    if (fit) {
      var ids = (groupMembers.get(c) || []).filter(function (n) { return !nodeHidden.get(n.id); }).map(function (n) { return n.id; });
      if (ids.length) network.fit({nodes: ids, animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    }
  }

  function collapseGroup(c) {
    if (!groups.has(c)) return;
    collapsed.add(c);
    refresh();
    network.unselectAll();
    pinned = null;
    showHint();
  }

  function focusNode(id) {
    var n = nodeById.get(id);
    if (!n) return false;
    var note = null;
    if (!current.passes.get(id)) { resetFilters(); note = T.filtersReset; }
    if (isCollapsed(n)) collapsed.delete(n.community);
    refresh();
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(1, network.getScale()), animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    pin("node", id);
    if (note) details.insertBefore(el("p", "kg-hint", note), details.firstChild);
    return true;
  }

  // ------------------------------------------------------------------------------------ search
  var searchIndex = nodeItems.map(function (n) {
    return {id: n.id, name: n.name, size: n.size, keys: [fold(n.name)].concat((n.aliases || []).map(fold))};
  });

  function search(query) {
    var q = fold(query);
    if (!q) return [];
    var found = [];
    searchIndex.forEach(function (entry) {
      var best = 9;
      entry.keys.forEach(function (k, i) {
        var rank = k === q ? 0 : k.indexOf(q) === 0 ? 1 : k.indexOf(" " + q) >= 0 ? 2 : k.indexOf(q) >= 0 ? 3 : 9;
        if (rank < 9 && i > 0) rank += 0.5;  // a name beats an alias
        if (rank < best) best = rank;
      });
      if (best < 9) found.push({id: entry.id, rank: best, size: entry.size, name: entry.name});
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || b.size - a.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : 1);
    });
    return found.slice(0, 12).map(function (f) { return f.id; });
  }

  var searchBox = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  searchBox.placeholder = T.search;
  searchBox.setAttribute("aria-label", T.search);
  function showResults() {
    clear(results);
    if (!searchBox.value.trim()) return;
    var ids = search(searchBox.value);
    if (!ids.length) { results.appendChild(el("li", "kg-note", T.noMatch)); return; }
    ids.forEach(function (id) {
      var n = nodeById.get(id);
      var li = el("li");
      var b = button("", function () { focusNode(id); clear(results); }, "kg-result");
      b.appendChild(swatch(n.group));
      b.appendChild(document.createTextNode(" " + n.name));
      li.appendChild(b);
      results.appendChild(li);
    });
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var ids = search(searchBox.value);
      if (ids.length) { focusNode(ids[0]); clear(results); }
      event.preventDefault();
    } else if (event.key === "Escape") {
      searchBox.value = "";
      clear(results);
    }
  });

  // ------------------------------------------------------------------------------------ filters
  function checkboxRow(list, text, count, checked, onChange, dataKey, dataValue, before) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.dataset[dataKey] = dataValue;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    if (before) label.appendChild(before);
    label.appendChild(el("span", null, text));
    label.appendChild(el("span", "kg-count", "(" + count + ")"));
    li.appendChild(label);
    list.appendChild(li);
    return box;
  }

  document.getElementById("kg-legend-title").textContent = T.legend;
  var legend = document.getElementById("kg-legend");
  kg.types.forEach(function (t) {
    checkboxRow(legend, t.label, t.count, true, function (on) { setTypeVisible(t.type, on); }, "type", t.type, swatch(t.type));
  });
  var key = el("li", "kg-key");
  [["kg-line", T.lineAsserted], ["kg-line kg-dashed", T.lineReported], ["kg-line kg-negated", T.lineNegated]].forEach(function (pair) {
    key.appendChild(el("span", pair[0]));
    key.appendChild(el("span", null, pair[1]));
  });
  legend.appendChild(key);

  document.getElementById("kg-relations-title").textContent = T.relations;
  var relationList = document.getElementById("kg-relations");
  kg.relations.forEach(function (r) {
    checkboxRow(relationList, r.label, r.count, true, function (on) { setRelationVisible(r.predicate, on); }, "predicate", r.predicate);
  });
  function setAllRelations(on) {
    hiddenRelations.clear();
    if (!on) kg.relations.forEach(function (r) { hiddenRelations.add(r.predicate); });
    syncControls();
    refresh();
  }
  var allButton = document.getElementById("kg-relations-all");
  allButton.textContent = T.all;
  allButton.addEventListener("click", function () { setAllRelations(true); });
  var noneButton = document.getElementById("kg-relations-none");
  noneButton.textContent = T.none;
  noneButton.addEventListener("click", function () { setAllRelations(false); });

  document.getElementById("kg-confidence-title").textContent = T.confidence;
  var slider = document.getElementById("kg-confidence");
  var sliderValue = document.getElementById("kg-confidence-value");
  var pendingFrame = 0;
  slider.addEventListener("input", function () {
    sliderValue.textContent = Number(slider.value).toFixed(2);
    if (pendingFrame) return;
    pendingFrame = window.requestAnimationFrame(function () { pendingFrame = 0; setMinConfidence(Number(slider.value)); });
  });
  document.getElementById("kg-negated-label").textContent = T.showNegated;
  var negatedBox = document.getElementById("kg-negated");
  negatedBox.addEventListener("change", function () { showNegated = negatedBox.checked; refresh(); });

  function syncControls() {
    legend.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = !hiddenTypes.has(box.dataset.type); });
    relationList.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = !hiddenRelations.has(box.dataset.predicate); });
    slider.value = String(minConfidence);
    sliderValue.textContent = minConfidence.toFixed(2);
    negatedBox.checked = showNegated;
  }
  function setTypeVisible(type, on) { if (on) hiddenTypes.delete(type); else hiddenTypes.add(type); syncControls(); refresh(); }
  function setRelationVisible(predicate, on) { if (on) hiddenRelations.delete(predicate); else hiddenRelations.add(predicate); syncControls(); refresh(); }
  function setMinConfidence(value) { minConfidence = Math.max(0, Math.min(1, Number(value) || 0)); syncControls(); refresh(); }
  function resetFilters() { hiddenTypes.clear(); hiddenRelations.clear(); minConfidence = 0; showNegated = true; syncControls(); }

  // ------------------------------------------------------------------------------------ overview
  if (kg.mode === "overview") {
    var overview = document.getElementById("kg-overview");
    overview.hidden = false;
    var expandAll = document.getElementById("kg-expand-all");
    expandAll.textContent = T.expandAll;
    expandAll.addEventListener("click", function () { collapsed.clear(); refresh(); network.fit(); });
    var collapseAll = document.getElementById("kg-collapse-all");
    collapseAll.textContent = T.collapseAll;
    collapseAll.addEventListener("click", function () {
      initiallyCollapsed.forEach(function (c) { collapsed.add(c); });
      refresh();
      network.fit();
    });
  }

  // ------------------------------------------------------------------------------------ summary
  document.getElementById("kg-title").textContent = kg.title;
  document.title = kg.title;
  var factTotal = edgeItems.reduce(function (sum, e) { return sum + e.factCount; }, 0);
  function updateSummary() {
    var text = nodeItems.length + " " + T.entities + " · " + factTotal + " " + T.facts + " · " + T[kg.layout];
    if (kg.mode === "overview") text += " · " + T.overview;
    document.getElementById("kg-summary").textContent = text;
  }
  updateSummary();
  showHint();

  // ------------------------------------------------------------------------------------ events
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (isMeta(id)) expandGroup(metaIndex(id), true);
      else pin("node", id);
    } else if (params.edges.length) {
      var edgeId = params.edges[0];
      pin(edgeById.has(edgeId) ? "edge" : "metaEdge", edgeId);
    } else {
      pinned = null;
      showHint();
    }
  });
  network.on("hoverNode", function (params) {
    if (pinned) return;
    if (isMeta(params.node)) renderGroup(metaIndex(params.node));
    else renderNode(params.node);
  });
  network.on("hoverEdge", function (params) {
    if (!pinned && edgeById.has(params.edge)) renderEdge(params.edge);
  });

  function markReady() {
    if (view.ready) return;
    view.ready = true;
    if (kg.focus && nodeById.has(kg.focus)) {
      if (isCollapsed(nodeById.get(kg.focus))) { collapsed.delete(nodeById.get(kg.focus).community); refresh(); }
      network.selectNodes([kg.focus]);
      pin("node", kg.focus);
    }
    document.dispatchEvent(new CustomEvent("kg:ready"));
  }
  if (options.physics && options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      // the layout has settled: stop simulating so the page is idle and nodes stay where they are dropped
      network.setOptions({physics: {enabled: false}});
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  view.search = search;
  view.focusNode = focusNode;
  view.selectEdge = selectEdge;
  view.expandGroup = expandGroup;
  view.collapseGroup = collapseGroup;
  view.setTypeVisible = setTypeVisible;
  view.setRelationVisible = setRelationVisible;
  view.setMinConfidence = setMinConfidence;
  view.resetFilters = function () { resetFilters(); refresh(); };
  view.metaId = metaId;
}());
