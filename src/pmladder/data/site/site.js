// The pmladder site's search box and route finder. Plain JavaScript, no
// network: everything comes from the JSON in <script id="site-data">.
// Catalogue text only ever reaches the page through textContent.
//
// Both follow pmladder's own rules, so the page answers as the CLI does:
// search scores words as `pmladder search` does (see pmladder/search.py),
// and the route finder breaks ties as `pmladder path` does (fewest moves,
// then fewest typical years, then role ids in alphabetical order).
(function () {
  "use strict";
  var holder = document.getElementById("site-data");
  if (!holder) { return; }
  var data = JSON.parse(holder.textContent);
  var roles = data.roles;
  var byId = {};
  roles.forEach(function (role, index) { role.order = index; byId[role.id] = role; });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function link(href, text) {
    var a = el("a", text);
    a.setAttribute("href", href);
    return a;
  }
  function roleHref(id) { return "roles/" + encodeURIComponent(id) + ".html"; }
  function moveHref(a, b) {
    return "moves/" + encodeURIComponent(a) + "/" + encodeURIComponent(b) + ".html";
  }
  function years(value) {
    var shown = String(parseFloat(Number(value).toPrecision(6)));
    return shown + (value === 1 ? " year" : " years");
  }

  // ------------------------------------------------------------------ search
  var ALNUM = /[\p{L}\p{N}]/u;
  var WORD = 3, PREFIX = 2, INSIDE = 1;
  var SHOWN = 50;  // results listed; a big catalogue can match thousands
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var low = text[i].toLowerCase();
      out += low.length === 1 ? low : text[i];
    }
    return out;
  }
  function stripEnds(word) {
    return word.replace(/^["'.,;:!?()[\]{}]+|["'.,;:!?()[\]{}]+$/g, "");
  }
  function wordsOf(query) {
    var out = [];
    query.split(/\s+/).forEach(function (raw) {
      if (!raw) { return; }
      var word = fold(stripEnds(raw) || raw);
      if (out.indexOf(word) < 0) { out.push(word); }
    });
    return out;
  }
  function occurrences(folded, word, inside) {
    var found = [];
    var start = folded.indexOf(word);
    while (start !== -1) {
      var end = start + word.length;
      var startsWord = start === 0 || !ALNUM.test(folded[start - 1]);
      var endsWord = end === folded.length || !ALNUM.test(folded[end]);
      if (startsWord) { found.push([start, end, endsWord ? WORD : PREFIX]); }
      else if (inside) { found.push([start, end, INSIDE]); }
      start = folded.indexOf(word, start + 1);
    }
    return found;
  }
  roles.forEach(function (role) {
    role.folded = role.fields.map(function (f) { return fold(f[1]); });
  });
  function startsSomewhere(word) {
    return roles.some(function (role) {
      return role.folded.some(function (text) {
        return text.indexOf(word) >= 0 && occurrences(text, word, false).length > 0;
      });
    });
  }
  function best(found) {
    return found.reduce(function (top, o) { return Math.max(top, o[2]); }, 0);
  }
  function scoreRole(role, words, inside, phrase) {
    var bestOf = {};
    words.forEach(function (w) { bestOf[w] = 0; });
    var phraseBest = 0;
    var matches = [];
    role.fields.forEach(function (field, position) {
      var folded = role.folded[position];
      var weight = data.weights[field[0]];
      var fieldScore = 0;
      var first = -1;
      words.forEach(function (w) {
        var found = occurrences(folded, w, inside[w]);
        if (!found.length) { return; }
        var top = best(found) * weight;
        fieldScore += top;
        bestOf[w] = Math.max(bestOf[w], top);
        if (first < 0 || found[0][0] < first) { first = found[0][0]; }
      });
      if (phrase !== null) {
        var whole = occurrences(folded, phrase, true);
        if (whole.length) { phraseBest = Math.max(phraseBest, best(whole) * weight); }
      }
      if (first >= 0) {
        matches.push({ score: fieldScore, position: position, field: field[0],
                       text: field[1], first: first });
      }
    });
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      if (!bestOf[words[i]]) { return null; }
      total += bestOf[words[i]];
    }
    matches.sort(function (a, b) { return b.score - a.score || a.position - b.position; });
    return { role: role, score: total + phraseBest, matches: matches };
  }
  function snippet(text, first) {
    var width = 72;
    if (text.length <= width) { return text; }
    var lead = Math.max(0, Math.min(first - Math.floor(width / 3), text.length - width));
    var stop = Math.min(text.length, lead + width);
    return (lead > 0 ? "…" : "") + text.slice(lead, stop) + (stop < text.length ? "…" : "");
  }
  function search(query) {
    var words = wordsOf(query);
    if (!words.length) { return null; }
    var inside = {};
    words.forEach(function (w) { inside[w] = !startsSomewhere(w); });
    var phrase = words.length > 1 ? fold(query.trim().split(/\s+/).join(" ")) : null;
    var hits = [];
    roles.forEach(function (role) {
      var hit = scoreRole(role, words, inside, phrase);
      if (hit) { hits.push(hit); }
    });
    hits.sort(function (a, b) {
      return b.score - a.score || b.matches.length - a.matches.length ||
        a.role.order - b.role.order;
    });
    return hits;
  }
  function showSearch(event) {
    if (event) { event.preventDefault(); }
    var query = document.getElementById("search-input").value;
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    list.textContent = "";
    var hits = query.length > 500 ? [] : search(query);
    if (hits === null) { status.textContent = "Type a skill, tool or framework."; return; }
    if (!hits.length) {
      status.textContent = "No role matches \u201c" + query.trim() + "\u201d.";
      return;
    }
    status.textContent = hits.length + (hits.length === 1 ? " role matches" : " roles match") +
      " \u201c" + query.trim() + "\u201d.";
    hits.slice(0, SHOWN).forEach(function (hit) {
      var item = el("li");
      item.appendChild(link(roleHref(hit.role.id), hit.role.title));
      var top = hit.matches[0];
      item.appendChild(el("span", top.field + ": " + snippet(top.text, top.first), "where"));
      list.appendChild(item);
    });
    if (hits.length > SHOWN) {
      status.textContent += " The best " + SHOWN + " are shown; add a word to narrow it down.";
    }
  }

  // ------------------------------------------------------------------ routes
  // A route's cost: [moves, total typical years as an exact BigInt, role ids].
  function compare(a, b) {
    if (a[0] !== b[0]) { return a[0] - b[0]; }
    if (a[1] !== b[1]) { return a[1] < b[1] ? -1 : 1; }
    var ids = a[2], other = b[2];
    for (var i = 0; i < Math.min(ids.length, other.length); i++) {
      if (ids[i] !== other[i]) { return ids[i] < other[i] ? -1 : 1; }
    }
    return ids.length - other.length;
  }
  function Heap() { this.items = []; }
  Heap.prototype.push = function (item) {
    var items = this.items;
    items.push(item);
    var i = items.length - 1;
    while (i > 0) {
      var parent = (i - 1) >> 1;
      if (compare(items[parent], items[i]) <= 0) { break; }
      var swap = items[parent]; items[parent] = items[i]; items[i] = swap;
      i = parent;
    }
  };
  Heap.prototype.pop = function () {
    var items = this.items;
    var top = items[0];
    var last = items.pop();
    if (items.length) {
      items[0] = last;
      var i = 0;
      for (;;) {
        var left = 2 * i + 1, right = left + 1, small = i;
        if (left < items.length && compare(items[left], items[small]) < 0) { small = left; }
        if (right < items.length && compare(items[right], items[small]) < 0) { small = right; }
        if (small === i) { break; }
        var swap = items[small]; items[small] = items[i]; items[i] = swap;
        i = small;
      }
    }
    return top;
  };
  // The shortest route as a list of [from id, move] pairs, [] for the same
  // role, or null when no moves lead there.
  function route(source, target) {
    if (source === target) { return []; }
    var bestCost = {}, back = {}, done = {};
    bestCost[source] = [0, BigInt(0), [source]];
    var queue = new Heap();
    queue.push([0, BigInt(0), [source], source]);
    while (queue.items.length) {
      var item = queue.pop();
      var current = item[3];
      if (done[current]) { continue; }
      done[current] = true;
      if (current === target) { break; }
      byId[current].moves.forEach(function (move) {
        var to = move[0];
        if (done[to]) { return; }
        var cost = [item[0] + 1, item[1] + BigInt(move[1]), item[2].concat([to])];
        var known = bestCost[to];
        if (!known || compare(cost, known) < 0) {
          bestCost[to] = cost;
          back[to] = [current, move];
          queue.push([cost[0], cost[1], cost[2], to]);
        }
      });
    }
    if (!done[target]) { return null; }
    var hops = [];
    for (var node = target; node !== source; node = back[node][0]) { hops.push(back[node]); }
    return hops.reverse();
  }
  function showRoute(event) {
    if (event) { event.preventDefault(); }
    var source = document.getElementById("route-from").value;
    var target = document.getElementById("route-to").value;
    var list = document.getElementById("route-steps");
    var status = document.getElementById("route-status");
    list.textContent = "";
    var hops = route(source, target);
    var from = byId[source].title, to = byId[target].title;
    if (hops === null) {
      status.textContent = "No route from " + from + " to " + to +
        ": no sequence of moves in the catalogue leads there.";
      return;
    }
    if (!hops.length) {
      status.textContent = from + " and " + to + " are the same role: there is nothing to close.";
      return;
    }
    var total = 0, known = true, estimated = false;
    hops.forEach(function (hop, index) {
      var move = hop[1];
      if (move[3] === null) { known = false; } else { total += move[3]; }
      if (move[3] !== null && move[5]) { estimated = true; }
      var item = el("li");
      item.setAttribute("data-from", hop[0]);
      item.setAttribute("data-to", move[0]);
      item.appendChild(link(moveHref(hop[0], move[0]),
        "Step " + (index + 1) + ": " + byId[hop[0]].title + " to " + byId[move[0]].title));
      var mark = " (" + data.estimate + ")";
      var detail = " (" + data.kinds[move[2]] + (move[4] ? mark : "");
      if (move[3] === null) {
        detail += ", typical time unknown";
      } else {
        detail += ", typically after " + years(move[3]) + " in role" +
          (move[5] ? mark : "");
      }
      item.appendChild(document.createTextNode(detail + ")"));
      list.appendChild(item);
    });
    // As pmladder path: one unknown time makes the total unknown.
    var summary = hops.length + (hops.length === 1 ? " step" : " steps") + ", ";
    summary += known ? "typically " + years(total) + (estimated ? ", " + data.estimate : "")
      : "typical time unknown";
    status.textContent = "Route: " + from + " to " + to + " (" + summary +
      "). Open a step to see what it asks of you.";
    status.setAttribute("data-typical-years", known ? String(total) : "");
  }

  document.getElementById("search-form").addEventListener("submit", showSearch);
  // Search as the user types, once they pause (a big catalogue takes a moment).
  var pending = null;
  document.getElementById("search-input").addEventListener("input", function () {
    if (pending !== null) { clearTimeout(pending); }
    pending = setTimeout(function () {
      pending = null;
      if (document.getElementById("search-input").value.trim()) { showSearch(); }
    }, 150);
  });
  document.getElementById("route-form").addEventListener("submit", showRoute);
  var last = document.getElementById("route-to");
  if (last.options.length) { last.selectedIndex = last.options.length - 1; }
  document.getElementById("find").hidden = false;
}());
