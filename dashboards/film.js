// The workshop's film: every employee on the well-being plane, the teams, the weekly series with
// a cursor that follows the film, the story's events and what is happening now. Play, pause,
// step, speed and restart by button or keyboard (space, ←/→, Home); "let go now" and "take
// control now" send the week shown back to Python (trigger "intervene").
// Mounted by dashboards/film.py through st.components.v2 with the data described there.

const SVG = "http://www.w3.org/2000/svg";
const SPEEDS = [0.5, 1, 2, 4];
const WEEKS_PER_SECOND = 12; // at speed 1
const memory = (window.__loslatenFilm = window.__loslatenFilm || {});

function el(tag, attrs = {}, parent = null, text = null) {
  const node = tag.startsWith("svg:")
    ? document.createElementNS(SVG, tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function bytes(b64) {
  const raw = atob(b64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

function niceTicks(low, high, count) {
  const span = high - low || Math.abs(high) || 1;
  const raw = span / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) || raw;
  const ticks = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return ticks;
}

function fmt(value, lang, digits) {
  if (value === null || !isFinite(value)) return "—";
  return value.toLocaleString(lang === "nl" ? "nl-NL" : "en-GB", {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
}

function fixed(value, lang, digits) {
  if (value === null || !isFinite(value)) return "—";
  return value.toLocaleString(lang === "nl" ? "nl-NL" : "en-GB", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

function divergingColour(v) {
  // −1 (all burnout) vermillion … 0 white … 1 (all engaged) blue: colour-blind safe
  const t = Math.max(-1, Math.min(1, v));
  const to = t < 0 ? [213, 94, 0] : [0, 114, 178];
  const a = Math.abs(t);
  const c = [247, 247, 247].map((w, i) => Math.round(w + (to[i] - w) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (!data) return undefined;
  const d = data;
  const w = d.words;
  const key = d.key;
  const state = (memory[key] = memory[key] || { week: 0, playing: false, speed: 1 });
  // Streamlit calls this again with new data without cleaning up the last mount: do it here.
  if (state.cleanup) state.cleanup();
  const last = d.weeks[d.weeks.length - 1];
  if (d.start !== null && d.start !== undefined && state.startSeen !== d.startToken) {
    state.week = d.start;
    state.startSeen = d.startToken;
  }
  state.week = Math.min(state.week, last);

  const root = el("div", { class: "film" + (d.big ? " big" : ""), role: "region", "aria-label": w.label });
  parentElement.appendChild(root);

  // --- controls ---------------------------------------------------------------------------
  const bar = el("div", { class: "controls" }, root);
  const button = (label, symbol, cls = "") => {
    const b = el("button", { type: "button", title: label, "aria-label": label, class: cls }, bar);
    b.textContent = symbol;
    return b;
  };
  const restart = button(w.restart, "↺");
  const back = button(w.back, "«");
  const play = button(w.play, "▶", "play");
  const forward = button(w.forward, "»");
  const speedLabel = el("label", { class: "speed" }, bar);
  el("span", {}, speedLabel, w.speed + " ");
  const speed = el("select", { "aria-label": w.speed }, speedLabel);
  for (const s of SPEEDS) el("option", { value: String(s) }, speed, `${fmt(s, d.lang, 1)}×`);
  speed.value = String(state.speed);
  const weekLabel = el("span", { class: "week", "aria-live": "off" }, bar);
  const actions = el("span", { class: "actions" }, bar);
  const letGo = el("button", { type: "button", class: "let_go" }, actions, w.let_go_now);
  const tighten = el("button", { type: "button", class: "tighten" }, actions, w.tighten_now);

  const track = el("div", { class: "track" }, root);
  const slider = el("input", {
    type: "range",
    min: "0",
    max: String(d.weeks.length - 1),
    step: "1",
    "aria-label": w.week,
  }, track);
  const timeline = el("div", { class: "timeline" }, track);
  const labelRows = [];  // per row of labels, the [left, right] extents already taken (px)
  const revealing = [];  // [week, element] of what the run itself did: shown once reached
  for (const e of d.events) {
    const at = (100 * e.week) / last;
    const mark = el("span", { class: at > 80 ? "event left" : "event", title: `${w.week} ${e.week}: ${e.label}` }, timeline);
    if (e.revealed) revealing.push([e.week, mark]);
    mark.style.left = `${at}%`;
    mark.style.borderColor = e.colour;
    const label = el("span", {}, mark, e.label);
    label.style.color = e.colour;
    // Events close together (a shock and the grab it provokes) put their labels on rows below.
    let box = label.getBoundingClientRect();
    if (!box.width) continue;  // not laid out: nothing to measure
    const clear = (taken) => taken.every(([a, b]) => box.right + 6 < a || box.left > b + 6);
    let row = labelRows.findIndex(clear);
    if (row !== 0 && labelRows.length && !mark.classList.contains("left")) {
      mark.classList.add("left");  // on the first row, to the left of its mark, if it fits there
      box = label.getBoundingClientRect();
      if (box.left >= track.getBoundingClientRect().left && clear(labelRows[0])) row = 0;
      else {
        mark.classList.remove("left");
        box = label.getBoundingClientRect();
      }
    }
    if (row < 0) row = labelRows.push([]) - 1;
    labelRows[row].push([box.left, box.right]);
    mark.style.height = `${0.9 + 1.4 * row}em`;
    label.style.top = `${0.5 + 1.4 * row}em`;
  }
  if (labelRows.length > 1) timeline.style.height = `${1.2 + 1.4 * (labelRows.length - 1)}em`;
  if (!d.big) el("div", { class: "keys" }, root, w.keys);  // the presenter knows them

  // --- the plane, the teams and what is happening -------------------------------------------
  const stage = el("div", { class: "stage" }, root);
  const planeBox = el("figure", { class: "plane" }, stage);
  if (!d.big) el("figcaption", {}, planeBox, w.plane);  // on a projector the plane speaks for itself
  const S = 100;
  const plane = el("svg:svg", { viewBox: "-12 -6 118 122", role: "img", "aria-label": w.plane }, planeBox);
  el("svg:rect", { x: 0, y: 0, width: S, height: S, class: "frame" }, plane);
  const cut = d.cut * S;
  el("svg:line", { x1: cut, x2: cut, y1: 0, y2: S, class: "cut" }, plane);
  el("svg:line", { x1: 0, x2: S, y1: S - cut, y2: S - cut, class: "cut" }, plane);
  const corners = { engagement: [98, 5, "end"], workaholism: [2, 5, "start"], burnout: [2, 97, "start"], satisfaction: [98, 97, "end"] };
  d.quadrants.forEach((q) => {
    const [x, y, anchor] = corners[q.key];
    el("svg:text", { x, y, "text-anchor": anchor, class: "corner", fill: q.colour }, plane, q.name);
  });
  // On a projector the axes' words grow to 22 px: no ticks there (the cut lines are at 0,5), and
  // the words closer to the frame.
  if (!d.big) {
    for (const v of [0, 0.5, 1]) {
      el("svg:text", { x: v * S, y: S + 7, "text-anchor": "middle", class: "tick" }, plane, fmt(v, d.lang, 1));
      el("svg:text", { x: -2, y: S - v * S + 2, "text-anchor": "end", class: "tick" }, plane, fmt(v, d.lang, 1));
    }
  }
  const [px, ey] = d.big ? [S + 10, -4] : [S + 14, -9];
  el("svg:text", { x: S / 2, y: px, "text-anchor": "middle", class: "axis" }, plane, w.pleasure_axis);
  el("svg:text", { x: ey, y: S / 2, "text-anchor": "middle", class: "axis", transform: `rotate(-90 ${ey} ${S / 2})` }, plane, w.energy_axis);
  const dots = [];
  const radius = d.big ? 1.9 : 1.5;
  for (let i = 0; i < d.employees; i++) dots.push(el("svg:circle", { r: radius, class: "dot" }, plane));

  const side = el("div", { class: "side" }, stage);
  const happening = el("section", { class: "happening", "aria-live": "polite" }, side);
  el("h4", {}, happening, w.happening);
  const phaseText = el("p", {}, happening);

  // the tiles: each KPI so far (the weeks up to the one shown), against the baseline
  const tileBox = el("section", { class: "tiles", "aria-label": w.tiles }, side);
  const tiles = d.tiles.map((tile) => {
    const box = el("div", { class: "tile" }, tileBox);
    el("div", { class: "tile-name" }, box, tile.name);
    const shown = el("div", { class: "tile-value" }, box);
    const diff = el("div", { class: "tile-diff" }, box);
    return { tile, shown, diff };
  });
  const tileNote = el("div", { class: "tile-note" }, side);
  const teamBox = el("figure", { class: "teams" }, side);
  el("figcaption", {}, teamBox, w.teams);
  const rows = Math.ceil(d.teams / d.columns);
  const teams = el("svg:svg", { viewBox: `0 0 ${d.columns * 10} ${rows * 10}`, role: "img", "aria-label": w.teams }, teamBox);
  const cells = [];
  for (let t = 0; t < d.teams; t++) {
    const x = (t % d.columns) * 10;
    const y = Math.floor(t / d.columns) * 10;
    const cell = el("svg:rect", { x: x + 0.4, y: y + 0.4, width: 9.2, height: 9.2, rx: 1 }, teams);
    const tip = el("svg:title", {}, cell);
    el("svg:text", { x: x + 5, y: y + 6.3, "text-anchor": "middle", class: "team" }, teams, String(t + 1));
    cells.push([cell, tip]);
  }
  const legend = el("div", { class: "legend" }, teamBox);
  el("span", { class: "swatch", style: `background:${divergingColour(-1)}` }, legend);
  el("span", {}, legend, `${d.quadrants.find((q) => q.key === "burnout").name}`);
  el("span", { class: "swatch", style: `background:${divergingColour(1)}` }, legend);
  el("span", {}, legend, `${d.quadrants.find((q) => q.key === "engagement").name}`);
  const dotsLegend = el("div", { class: "legend" }, side);
  for (const q of d.quadrants) {
    el("span", { class: "swatch dotted", style: `background:${q.colour}` }, dotsLegend);
    el("span", {}, dotsLegend, q.name);
  }
  el("span", { class: "swatch dotted open" }, dotsLegend);
  el("span", {}, dotsLegend, w.absent);

  // --- the series ---------------------------------------------------------------------------
  const panels = el("div", { class: "series" }, root);
  const W = 100, H = 58, L = 16, B = 8, T = 4;
  const charts = [];
  d.series.forEach((s) => {
    const box = el("figure", { class: "panel" }, panels);
    el("figcaption", {}, box, s.unit ? `${s.name} (${s.unit})` : s.name);
    const svg = el("svg:svg", { viewBox: `0 0 ${W + L + 2} ${H + B + T}`, role: "img", "aria-label": s.name }, box);
    const values = [...s.high, ...s.low, ...s.baseline].filter((v) => v !== null && isFinite(v));
    let low = Math.min(...values), high = Math.max(...values);
    if (high - low < 1e-9) { low -= 1; high += 1; }
    const pad = (high - low) * 0.08;
    low -= pad; high += pad;
    const X = (week) => L + (W * week) / last;
    const Y = (v) => T + H - (H * (v - low)) / (high - low);
    for (const tick of niceTicks(low, high, 3)) {
      el("svg:line", { x1: L, x2: L + W, y1: Y(tick), y2: Y(tick), class: "grid" }, svg);
      el("svg:text", { x: L - 1.5, y: Y(tick) + 1.4, "text-anchor": "end", class: "tick" }, svg, fmt(tick, d.lang, 2));
    }
    for (const tick of niceTicks(0, last, 4)) {
      el("svg:text", { x: X(tick), y: T + H + B - 1, "text-anchor": "middle", class: "tick" }, svg, fmt(tick, d.lang, 0));
    }
    const path = (ys) => ys.map((v, i) => `${i ? "L" : "M"}${X(d.seriesWeeks[i]).toFixed(2)},${Y(v).toFixed(2)}`).join("");
    const band = s.high.map((v, i) => `${i ? "L" : "M"}${X(d.seriesWeeks[i]).toFixed(2)},${Y(v).toFixed(2)}`).join("")
      + s.low.map((v, i) => [i, v]).reverse().map(([i, v]) => `L${X(d.seriesWeeks[i]).toFixed(2)},${Y(v).toFixed(2)}`).join("") + "Z";
    // only up to the week shown: the film does not give its ending away
    const clipId = `film-clip-${key}-${charts.length}-${Math.random().toString(36).slice(2, 8)}`;
    const clip = el("svg:rect", { x: 0, y: 0, height: H + T + B, width: L }, el("svg:clipPath", { id: clipId }, svg));
    const upToNow = el("svg:g", { "clip-path": `url(#${clipId})` }, svg);
    el("svg:path", { d: band, class: "band" }, upToNow);
    el("svg:path", { d: path(s.baseline), class: "baseline" }, upToNow);
    el("svg:path", { d: path(s.mean), class: "mean" }, upToNow);
    for (const e of d.events) {
      const line = el("svg:line", { x1: X(e.week), x2: X(e.week), y1: T, y2: T + H, class: "event", stroke: e.colour }, svg);
      if (e.revealed) revealing.push([e.week, line]);
    }
    const cursor = el("svg:line", { y1: T, y2: T + H, class: "cursor" }, svg);
    const marker = el("svg:circle", { r: 1.6, class: "marker" }, svg);
    const reading = el("svg:text", { y: T + 4, class: "reading" }, svg);
    svg.addEventListener("click", (event) => {
      const box = svg.getBoundingClientRect();
      const week = ((event.clientX - box.left) / box.width * (W + L + 2) - L) / W * last;
      seek(nearestFrame(Math.max(0, Math.min(last, week))));
    });
    charts.push({ s, X, Y, cursor, marker, reading, clip });
  });
  const key2 = el("div", { class: "legend" }, root);
  el("span", { class: "swatch line" }, key2);
  el("span", {}, key2, w.current);
  el("span", { class: "swatch dashes" }, key2);
  el("span", {}, key2, w.baseline);

  // --- drawing a week -------------------------------------------------------------------------
  function nearestFrame(week) {
    let best = 0;
    d.weeks.forEach((v, i) => { if (Math.abs(v - week) < Math.abs(d.weeks[best] - week)) best = i; });
    return best;
  }
  const frames = d.frames.map((f) => ({ x: bytes(f.x), y: bytes(f.y), q: bytes(f.q), teams: f.teams }));
  let index = nearestFrame(state.week);

  function draw() {
    const frame = frames[index];
    const week = d.weeks[index];
    state.week = week;
    for (let i = 0; i < dots.length; i++) {
      const code = frame.q[i];
      const colour = d.quadrants[code & 3].colour;
      const dot = dots[i];
      dot.setAttribute("cx", ((frame.x[i] / 255) * S).toFixed(1));
      dot.setAttribute("cy", (S - (frame.y[i] / 255) * S).toFixed(1));
      dot.setAttribute("fill", code & 4 ? "#ffffff" : colour);
      dot.setAttribute("stroke", code & 4 ? colour : "#333333");
      dot.setAttribute("stroke-width", code & 4 ? "0.8" : "0.25");
    }
    frame.teams.forEach((v, t) => {
      cells[t][0].setAttribute("fill", divergingColour(v));
      cells[t][1].textContent = `${w.team} ${t + 1}: ${fmt(v, d.lang, 2)}`;
    });
    slider.value = String(index);
    weekLabel.textContent = `${w.week} ${week} / ${last}`;
    let phase = d.phases[0];
    for (const p of d.phases) if (p.week <= week) phase = p;
    if (phaseText.textContent !== phase.text) phaseText.textContent = phase.text;
    for (const c of charts) {
      const x = c.X(Math.max(week, d.seriesWeeks[0]));
      c.cursor.setAttribute("x1", x);
      c.cursor.setAttribute("x2", x);
      const i = Math.max(0, Math.min(c.s.mean.length - 1, week - d.seriesWeeks[0]));
      const v = c.s.mean[i];
      c.marker.setAttribute("cx", x);
      c.marker.setAttribute("cy", c.Y(v));
      c.reading.setAttribute("x", x > 70 ? x - 1.5 : x + 1.5);
      c.reading.setAttribute("text-anchor", x > 70 ? "end" : "start");
      c.reading.textContent = fmt(v, d.lang, c.s.digits);
      c.clip.setAttribute("width", x);
    }
    for (const [at, node] of revealing) node.style.visibility = at <= week ? "visible" : "hidden";
    const row = Math.max(0, week - d.seriesWeeks[0]);
    for (const { tile, shown, diff } of tiles) {
      const i = Math.min(tile.mean.length - 1, row);
      const v = tile.mean[i];
      const change = v - tile.baseline[i];
      shown.textContent = fixed(v, d.lang, tile.digits) + (tile.unit ? (tile.unit === "%" ? "%" : ` ${tile.unit}`) : "");
      const tiny = Math.abs(change) < Math.pow(10, -tile.digits) / 2;
      const sign = change > 0 ? "+" : "−";
      const by = `${sign}${fixed(Math.abs(change), d.lang, tile.digits)}${tile.change_unit ? ` ${tile.change_unit}` : ""}`;
      diff.textContent = tiny ? "=" : `${change > 0 ? "↑" : "↓"} ${by}`;
      diff.className = "tile-diff " + (tiny || !tile.better ? "same" : change * tile.better > 0 ? "better" : "worse");
    }
    tileNote.textContent = w.tiles_note.replace("{week}", String(week));
    play.textContent = state.playing ? "❚❚" : "▶";
    play.title = state.playing ? w.pause : w.play;
    play.setAttribute("aria-label", play.title);
  }

  let timer = null;
  function stop() {
    state.playing = false;
    if (timer) clearInterval(timer);
    timer = null;
    draw();
  }
  function start() {
    if (index >= frames.length - 1) index = 0;
    state.playing = true;
    if (timer) clearInterval(timer);
    const step = d.weeks.length > 1 ? d.weeks[1] - d.weeks[0] : 1;
    timer = setInterval(() => {
      if (index >= frames.length - 1) return stop();
      index += 1;
      draw();
    }, (1000 * step) / (WEEKS_PER_SECOND * state.speed));
    draw();
  }
  function seek(i) {
    index = Math.max(0, Math.min(frames.length - 1, i));
    draw();
  }
  const toggle = () => (state.playing ? stop() : start());

  play.addEventListener("click", toggle);
  restart.addEventListener("click", () => { seek(0); if (state.playing) start(); });
  back.addEventListener("click", () => { stop(); seek(index - 1); });
  forward.addEventListener("click", () => { stop(); seek(index + 1); });
  slider.addEventListener("input", () => { stop(); seek(Number(slider.value)); });
  speed.addEventListener("change", () => {
    state.speed = Number(speed.value);
    if (state.playing) start();
  });
  const intervene = (kind) => {
    stop();
    setTriggerValue("intervene", { kind, week: d.weeks[index] });
  };
  letGo.addEventListener("click", () => intervene("let_go"));
  tighten.addEventListener("click", () => intervene("tighten"));

  function onKey(event) {
    const target = event.target;
    const typing = target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
    const ours = root.contains(target);
    const space = event.key === " " || event.code === "Space";
    if (typing && !(ours && target === slider)) return;
    if (target && target.tagName === "BUTTON" && (!ours || space || event.key === "Enter")) return;
    if (space) { toggle(); }
    else if (event.key === "ArrowRight") { stop(); seek(index + 1); }
    else if (event.key === "ArrowLeft") { stop(); seek(index - 1); }
    else if (event.key === "Home") { stop(); seek(0); }
    else return;
    event.preventDefault();
  }
  document.addEventListener("keydown", onKey);

  // --- on a projector: the plane fills what is left of the screen, no text under 22 px ------
  const LEGIBLE_PX = 22;
  function legible() {
    for (const svg of root.querySelectorAll("svg")) {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      if (!scale) continue;
      for (const text of svg.querySelectorAll("text")) {
        if (!text.dataset.base) text.dataset.base = parseFloat(getComputedStyle(text).fontSize);
        text.style.fontSize = `${Math.max(Number(text.dataset.base), LEGIBLE_PX / scale)}px`;
      }
    }
    // corner names that no longer fit beside each other give way to the legend below
    const names = [...plane.querySelectorAll("text.corner")];
    names.forEach((n) => n.style.removeProperty("display"));
    const boxes = names.map((n) => n.getBoundingClientRect());
    const clash = boxes.some((a, i) => boxes.some((b, j) => i < j
      && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom));
    if (clash) names.forEach((n) => { n.style.display = "none"; });
  }
  function fit() {
    if (!d.big) return;
    const top = plane.getBoundingClientRect().top + (scroller() ? scroller().scrollTop : 0);
    plane.style.height = `${Math.max(200, window.innerHeight - top - 8)}px`;
    legible();
  }
  function scroller() {  // the element Streamlit scrolls the page in
    for (let n = root; n; n = n.parentElement || (n.getRootNode && n.getRootNode().host)) {
      if (n.scrollHeight > n.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(n).overflowY)) return n;
    }
    return null;
  }

  draw();
  if (d.big) {
    requestAnimationFrame(fit);
    window.addEventListener("resize", fit);
  }
  if (state.playing) start();
  state.cleanup = () => {
    if (timer) clearInterval(timer);
    window.removeEventListener("resize", fit);
    document.removeEventListener("keydown", onKey);
    root.remove();
    state.cleanup = null;
  };
  return state.cleanup;
}
