// The contimg-stream dashboard: polls the sink's JSON API (the links at the bottom of the page) and draws what it
// answers. Every value from the API is set with textContent or as an SVG attribute, never parsed as HTML, so a file
// name with '<', quotes or a newline shows as the text it is. Times are UTC; LST is the local mean sidereal time at
// DSA-110 (OVRO).
(function () {
  "use strict";

  // ?refresh=SECONDS polls everything that often (the browser test uses 1); by default the status every 5 s and
  // the plots and tables every 15 s.
  const REFRESH_S = Number(new URLSearchParams(location.search).get("refresh"));
  const STATUS_EVERY_MS = REFRESH_S > 0 ? REFRESH_S * 1000 : 5000;
  const SLOW_EVERY_MS = REFRESH_S > 0 ? REFRESH_S * 1000 : 15000;
  const TIMEOUT_MS = 4000;
  const OVRO_LONGITUDE_DEG = -118.283405115;
  const MJD_UNIX_EPOCH = 40587.0;
  const BEAM_RADIUS_DEG = 1.353; // the half-power radius (README: Pointing analysis)

  const state = { days: 7, lastContact: null, pointing: null, upcoming: [], campaigns: [], plot: null };

  // ---- small helpers -------------------------------------------------------------------------------------------
  const $ = (selector) => document.querySelector(selector);
  const mjdToDate = (mjd) => new Date((mjd - MJD_UNIX_EPOCH) * 86400000);
  const dateToMjd = (date) => date.getTime() / 86400000 + MJD_UNIX_EPOCH;
  const utc = (date) => date.toISOString().replace("T", " ").replace(/\.\d+Z$/, "");
  const text = (value) => (value === null || value === undefined ? "—" : String(value));

  function cell(row, value) {
    const td = document.createElement("td");
    td.textContent = text(value);
    row.appendChild(td);
    return td;
  }

  function fillTable(selector, rows, columns, empty) {
    const body = $(selector + " tbody");
    body.replaceChildren();
    if (rows.length === 0) {
      const tr = document.createElement("tr");
      cell(tr, empty).colSpan = columns.length;
      body.appendChild(tr);
      return;
    }
    for (const row of rows) {
      const tr = document.createElement("tr");
      for (const column of columns) {
        cell(tr, column(row));
      }
      body.appendChild(tr);
    }
  }

  async function api(path) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(path, { signal: controller.signal, cache: "no-store" });
      const body = await response.json();
      if (!response.ok && response.status !== 503) {
        throw new Error(body.error || response.statusText);
      }
      return { code: response.status, body: body };
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- connection and clock ------------------------------------------------------------------------------------
  function connection(kind, message) {
    const element = $("#connection");
    element.dataset.state = kind;
    element.textContent = message;
    document.body.dataset.stale = kind === "live" ? "false" : "true";
  }

  function lmstDeg(date) {
    const jd = date.getTime() / 86400000 + 2440587.5;
    const gmst = 280.46061837 + 360.98564736629 * (jd - 2451545.0);
    return (((gmst + OVRO_LONGITUDE_DEG) % 360) + 360) % 360;
  }

  function hms(deg) {
    const hours = deg / 15;
    const h = Math.floor(hours);
    const m = Math.floor((hours - h) * 60);
    const s = Math.floor(((hours - h) * 60 - m) * 60);
    return [h, m, s].map((v) => String(v).padStart(2, "0")).join(":");
  }

  function tick() {
    const now = new Date();
    $("#clock").textContent = "UTC " + utc(now) + " · LST " + hms(lmstDeg(now));
    for (const row of document.querySelectorAll("#upcoming tbody tr[data-transit]")) {
      const seconds = Math.max(0, (Date.parse(row.dataset.transit) - now.getTime()) / 1000);
      row.children[2].textContent = countdown(seconds);
    }
    const best = $("#best-calibrator");
    if (best.dataset.transit) {
      const seconds = Math.max(0, (Date.parse(best.dataset.transit) - now.getTime()) / 1000);
      $("#best-countdown").textContent = countdown(seconds);
    }
  }

  function countdown(seconds) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = Math.floor(seconds % 60);
    return h + " h " + String(m).padStart(2, "0") + " min " + String(s).padStart(2, "0") + " s";
  }

  // ---- health ----------------------------------------------------------------------------------------------------
  async function refreshStatus() {
    let status;
    try {
      status = (await api("/api/pointing-monitor/status")).body;
    } catch (error) {
      const since = state.lastContact ? " since " + utc(state.lastContact) + " UTC" : "";
      connection("unreachable", "unreachable: the pipeline has not answered" + since + "; what is shown is from then");
      return;
    }
    state.lastContact = new Date();
    if (status.stale) {
      connection("stale", "stale: the status file is " + Math.round(status.status_file_age_seconds)
          + " s old (the sink is not writing it); what is shown may be out of date");
    } else if (!status.running) {
      connection("stale", "stopped: " + (status.error || "the sink says it is not running"));
    } else {
      connection("live", "live · updated " + utc(state.lastContact) + " UTC");
    }
    const healthy = status.healthy === true && status.running === true && !status.stale;
    const summary = $("#health-summary");
    summary.dataset.healthy = String(healthy);
    summary.textContent = healthy ? "Healthy" : "Not healthy";
    const issues = $("#health-issues");
    issues.replaceChildren();
    for (const issue of status.issues || []) {
      const li = document.createElement("li");
      li.textContent = issue;
      issues.appendChild(li);
    }
    const components = Object.entries(status.components || {}).map(([name, c]) => ({ name: name, ...c }));
    components.unshift({ name: status.component || "pointing-monitor", host: status.host, running: status.running,
      healthy: status.healthy, age_seconds: 0, detail: "rows " + text(status.sink && status.sink.rows_written) });
    fillTable("#components", components, [
      (c) => c.name,
      (c) => c.host,
      (c) => (!c.running ? "stopped" : c.healthy ? "healthy" : "not healthy"),
      (c) => (c.age_seconds === undefined ? "—" : c.age_seconds + " s ago"),
      (c) => c.detail || [c.watch_mode, c.streams_state].filter(Boolean).join(", ") || (c.issues || []).join("; "),
    ], "no component has reported");
    const hour = status.last_hour || {};
    for (const td of document.querySelectorAll("#last-hour td[data-count]")) {
      const [stage, result] = td.dataset.count.split(".");
      td.textContent = text((hour[stage] || {})[result] || 0);
    }
    const lag = [];
    for (const [group, topics] of Object.entries(status.kafka_lag || {})) {
      const total = Object.values(topics).reduce((a, b) => a + (typeof b === "number" ? b : 0), 0);
      lag.push(group + ": " + total);
    }
    $("#lag").textContent = lag.length ? lag.join(", ") : "—";
    const metrics = status.metrics || {};
    $("#last-error").textContent = metrics.last_error_message || "none";
    fillTable("#failures-table", status.recent_failures || [], [
      (f) => utc(new Date(f.at)),
      (f) => f.stage,
      (f) => f.path,
      (f) => f.reason,
    ], "no failures since the sink started");
  }

  // ---- declination over time -------------------------------------------------------------------------------------
  async function refreshDeclination() {
    const now = new Date();
    const end = dateToMjd(now) + 1 / 24;
    let start = state.days > 0 ? dateToMjd(now) - state.days : 0;
    const campaigns = (await api("/api/pointing/campaigns?start_mjd=" + start + "&end_mjd=" + end)).body.items;
    state.campaigns = campaigns;
    if (state.days === 0 && campaigns.length) {
      start = campaigns[0].start_mjd;
    }
    // At most about 2,000 points: one per row for a day of 5-minute files, one per interval beyond.
    const intervalHours = Math.max(0.001, ((end - start) * 24) / 2000);
    const history = (await api("/api/pointing_history?start_mjd=" + start + "&end_mjd=" + end
        + "&time_interval_hours=" + intervalHours + "&limit=100000")).body;
    const items = history.items;
    const xs = items.map((i) => (i.timestamp - MJD_UNIX_EPOCH) * 86400);
    const ys = items.map((i) => i.dec_deg);
    drawDeclination(xs, ys, items);
    const plot = $("#declination-plot");
    plot.dataset.points = String(items.length);
    $("#declination-summary").textContent = items.length
        ? items.length + " points from " + utc(mjdToDate(items[0].timestamp)) + " to "
          + utc(mjdToDate(items[items.length - 1].timestamp)) + " UTC; declination "
          + Math.min(...ys).toFixed(3) + "° to " + Math.max(...ys).toFixed(3) + "°; "
          + campaigns.length + " campaigns (table below)"
        : "no pointing in this range" + (state.pointing
          ? " (the latest is from " + utc(mjdToDate(state.pointing.time)) + " UTC: choose a longer range or all)"
          : "");
    fillTable("#campaigns", campaigns, [
      (c) => utc(new Date(c.start_time)),
      (c) => utc(new Date(c.end_time)),
      (c) => c.hours_observed.toFixed(2),
      (c) => c.files,
      (c) => c.mean_dec_deg.toFixed(3) + "°",
    ], "no campaign in this range");
  }

  function drawDeclination(xs, ys, items) {
    const container = $("#declination-plot");
    const width = Math.max(280, container.clientWidth || 600);
    const shade = (u) => {
      const ctx = u.ctx;
      ctx.save();
      state.campaigns.forEach((c, k) => {
        const x0 = u.valToPos((c.start_mjd - MJD_UNIX_EPOCH) * 86400, "x", true);
        const x1 = u.valToPos((c.end_mjd - MJD_UNIX_EPOCH) * 86400, "x", true);
        ctx.fillStyle = k % 2 ? "rgba(86, 180, 233, 0.15)" : "rgba(230, 159, 0, 0.15)";
        ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
      });
      ctx.restore();
    };
    const hover = (u) => {
      const i = u.cursor.idx;
      $("#declination-hover").textContent = i === null || i === undefined || !items[i] ? ""
          : utc(mjdToDate(items[i].timestamp)) + " UTC, dec " + items[i].dec_deg.toFixed(4) + "°: "
            + items[i].source_file + (items[i].rows_in_interval > 1 ? " (and " + (items[i].rows_in_interval - 1)
            + " more files in this interval)" : "");
    };
    const options = {
      width: width,
      height: 260,
      scales: { x: { time: true } },
      axes: [{}, { label: "declination (deg)" }],
      series: [
        { label: "UTC", value: (u, v) => (v === null ? "—" : utc(new Date(v * 1000))) },
        { label: "dec", stroke: "#0072b2", width: 0, points: { show: true, size: 5, fill: "#0072b2" },
          paths: () => null, value: (u, v) => (v === null ? "—" : v.toFixed(4) + "°") },
      ],
      hooks: { drawClear: [shade], setCursor: [hover] },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    };
    if (state.plot) {
      state.plot.destroy();
    }
    state.plot = new uPlot(options, [xs, ys], container);
  }

  // ---- sky coverage ----------------------------------------------------------------------------------------------
  const SVG = "http://www.w3.org/2000/svg";

  /** Mollweide, centred on RA 12 h with RA increasing to the left; returns [x, y] with y up. */
  function mollweide(raDeg, decDeg) {
    let lambda = ((180 - raDeg) % 360 + 540) % 360 - 180; // RA 12 h at the centre, larger RA to the left
    lambda = (lambda * Math.PI) / 180;
    const phi = (decDeg * Math.PI) / 180;
    let theta = phi;
    for (let i = 0; i < 20; i++) {
      const f = 2 * theta + Math.sin(2 * theta) - Math.PI * Math.sin(phi);
      const d = 2 + 2 * Math.cos(2 * theta);
      if (Math.abs(d) < 1e-12) break;
      const step = f / d;
      theta -= step;
      if (Math.abs(step) < 1e-10) break;
    }
    return [((2 * Math.SQRT2) / Math.PI) * lambda * Math.cos(theta), Math.SQRT2 * Math.sin(theta)];
  }

  /** Viridis at t in [0, 1]: perceptually even and readable with colour-blindness. */
  function viridis(t) {
    const stops = [[68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142], [31, 158, 137],
      [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37]];
    const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(x));
    const f = x - i;
    const c = stops[i].map((v, k) => Math.round(v + f * (stops[i + 1][k] - v)));
    return "rgb(" + c.join(",") + ")";
  }

  function svg(name, attributes, parent) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    parent.appendChild(element);
    return element;
  }

  function polyline(points, parent, attributes) {
    // Split where the line jumps across the map's edge (RA 0 h on both sides).
    let run = [];
    const flush = () => {
      if (run.length > 1) svg("polyline", { points: run.map((p) => p[0] + "," + -p[1]).join(" "), ...attributes }, parent);
      run = [];
    };
    let previous = null;
    for (const p of points) {
      if (previous && Math.abs(p[0] - previous[0]) > 1.5) flush();
      run.push(p);
      previous = p;
    }
    flush();
  }

  function drawGrid() {
    const grid = $("#sky-grid");
    if (grid.childElementCount) return;
    const outline = [];
    for (let dec = -90; dec <= 90; dec += 2) outline.push(mollweide(180.0001 - 180, dec));
    svg("ellipse", { cx: 0, cy: 0, rx: 2 * Math.SQRT2, ry: Math.SQRT2, fill: "#f2f2f2", stroke: "#888",
      "stroke-width": 0.01 }, grid);
    for (let dec = -60; dec <= 60; dec += 30) {
      const line = [];
      for (let ra = 0.01; ra < 360; ra += 2) line.push(mollweide(ra, dec));
      polyline(line, grid, { fill: "none", stroke: "#bbb", "stroke-width": 0.006 });
    }
    for (let ra = 0; ra < 360; ra += 60) {
      const line = [];
      for (let dec = -90; dec <= 90; dec += 2) line.push(mollweide(ra + 0.001, dec));
      polyline(line, grid, { fill: "none", stroke: "#bbb", "stroke-width": 0.006 });
      const [x, y] = mollweide(ra + 0.001, 0);
      svg("text", { x: x, y: -y + 0.08, "font-size": 0.09, fill: "#666", "text-anchor": "middle" }, grid)
          .textContent = ra / 15 + "h";
    }
    // The galactic plane: b = 0 from the J2000 galactic pole (RA 192.85948, Dec 27.12825; l of the NCP 122.93192).
    const galactic = $("#sky-galactic");
    const raPole = (192.85948 * Math.PI) / 180, decPole = (27.12825 * Math.PI) / 180, lNcp = (122.93192 * Math.PI) / 180;
    const plane = [];
    for (let l = 0; l <= 360; l += 1) {
      const dl = lNcp - (l * Math.PI) / 180;
      const dec = Math.asin(Math.cos(decPole) * Math.cos(dl));
      const ra = raPole + Math.atan2(Math.sin(dl), -Math.sin(decPole) * Math.cos(dl));
      plane.push(mollweide((((ra * 180) / Math.PI) % 360 + 360) % 360, (dec * 180) / Math.PI));
    }
    polyline(plane, galactic, { fill: "none", stroke: "#cc79a7", "stroke-width": 0.012, "stroke-dasharray": "0.04 0.03" });
  }

  async function refreshSky() {
    drawGrid();
    const coverage = (await api("/api/pointing/sky_coverage")).body;
    const cells = $("#sky-cells");
    cells.replaceChildren();
    const most = coverage.cells.reduce((m, c) => Math.max(m, c.hours), 0);
    const radius = (Math.sqrt(coverage.cell_area_deg2) * Math.PI) / 180 * 0.6;
    for (const c of coverage.cells) {
      const [x, y] = mollweide(c.ra_deg, c.dec_deg);
      svg("circle", { cx: x, cy: -y, r: radius, fill: viridis(most ? Math.log1p(c.hours) / Math.log1p(most) : 0) }, cells);
    }
    $("#sky-legend").textContent = "colour: hours of exposure, from dark purple (least) to yellow (" + most.toFixed(2)
        + " h, the most), on a log scale; dashed pink: the galactic plane; ring: the current pointing's half-power beam";
    const pointing = $("#sky-pointing");
    pointing.replaceChildren();
    let where = "no pointing yet";
    if (state.pointing) {
      const p = state.pointing;
      const ring = [];
      for (let k = 0; k <= 72; k++) {
        const bearing = (k * 5 * Math.PI) / 180;
        const r = (BEAM_RADIUS_DEG * Math.PI) / 180, d0 = (p.dec * Math.PI) / 180;
        const d = Math.asin(Math.sin(d0) * Math.cos(r) + Math.cos(d0) * Math.sin(r) * Math.cos(bearing));
        const a = (p.ra * Math.PI) / 180 + Math.atan2(Math.sin(bearing) * Math.sin(r) * Math.cos(d0),
            Math.cos(r) - Math.sin(d0) * Math.sin(d));
        ring.push(mollweide((((a * 180) / Math.PI) % 360 + 360) % 360, (d * 180) / Math.PI));
      }
      const group = svg("g", { id: "current-pointing" }, pointing);
      polyline(ring, group, { fill: "none", stroke: "#d55e00", "stroke-width": 0.02 });
      const [x, y] = mollweide(p.ra, p.dec);
      svg("circle", { cx: x, cy: -y, r: 0.02, fill: "#d55e00" }, group);
      where = "current pointing RA " + p.ra.toFixed(3) + "°, Dec " + p.dec.toFixed(3) + "° ("
          + utc(mjdToDate(p.time)) + " UTC, " + p.file + ")";
      group.setAttribute("aria-label", where);
    }
    $("#sky-summary").textContent = coverage.count + " cells exposed (HEALPix NSIDE " + coverage.nside + "), "
        + (100 * coverage.sky_fraction).toFixed(2) + " % of the sky, " + coverage.area_deg2.toFixed(1) + " deg², "
        + coverage.hours_observed.toFixed(2) + " hours observed in " + coverage.files + " files; " + where;
  }

  // ---- transits --------------------------------------------------------------------------------------------------
  async function refreshTransits() {
    const upcoming = (await api("/api/calibrator_transits/upcoming?hours=24")).body;
    const p = upcoming.pointing;
    state.pointing = p ? { ra: p.ra_deg, dec: p.dec_deg, file: p.source_file, time: p.timestamp } : null;
    const body = $("#upcoming tbody");
    body.replaceChildren();
    if (!upcoming.items || upcoming.items.length === 0) {
      const tr = document.createElement("tr");
      cell(tr, upcoming.note || "none in the next 24 h").colSpan = 5;
      body.appendChild(tr);
    }
    for (const t of upcoming.items || []) {
      const tr = document.createElement("tr");
      tr.dataset.transit = t.transit_time;
      cell(tr, t.alt_name ? t.calibrator + " (" + t.alt_name + ")" : t.calibrator);
      cell(tr, utc(new Date(t.transit_time)));
      cell(tr, countdown(t.hours_from_now * 3600));
      cell(tr, t.response.toFixed(3));
      cell(tr, t.flux_jy === undefined ? "?" : t.flux_jy.toFixed(2) + " → " + t.apparent_flux_jy.toFixed(2));
      body.appendChild(tr);
    }
    const recent = (await api("/api/calibrator_transits?order=desc&limit=20")).body.items;
    fillTable("#recent-transits", recent, [
      (t) => (t.alt_name ? t.calibrator + " (" + t.alt_name + ")" : t.calibrator),
      (t) => utc(new Date(t.transit_time)),
      (t) => t.source_file,
      (t) => t.response.toFixed(3),
      (t) => (t.best ? "best" : ""),
    ], "none observed yet");
    await refreshBest();
  }

  // The current campaign's calibrator: the best in the next 24 h at the latest pointing's declination. The
  // paragraph's three parts stay in place (their text changes), so the countdown keeps ticking between refreshes.
  async function refreshBest() {
    const answer = (await api("/api/pointing/best-calibrator?hours=24")).body;
    const element = $("#best-calibrator");
    const b = answer.best;
    if (!b) {
      delete element.dataset.transit;
      $("#best-text").textContent = answer.note || "no calibrator in the beam in the next 24 h";
      $("#best-countdown").textContent = "";
      $("#best-tail").textContent = "";
      return;
    }
    element.dataset.transit = b.transit_time;
    const name = b.alt_name ? b.calibrator + " (" + b.alt_name + ")" : b.calibrator;
    $("#best-text").textContent = "Best calibrator at Dec " + answer.dec_app_deg.toFixed(3) + "° in the next 24 h: "
        + name + ", transit " + utc(new Date(b.transit_time)) + " UTC, in ";
    $("#best-countdown").textContent = countdown(b.hours_from_now * 3600);
    $("#best-tail").textContent = ", expected response " + b.response.toFixed(3)
        + (b.apparent_flux_jy === undefined || b.apparent_flux_jy === null
            ? "" : ", " + b.apparent_flux_jy.toFixed(2) + " Jy apparent");
  }

  // ---- the loop --------------------------------------------------------------------------------------------------
  function guarded(work) {
    return () => work().catch((error) => console.warn("dashboard: " + work.name + ": " + error.message));
  }

  async function refreshSlow() {
    await refreshDeclination();
    await refreshTransits(); // first: it says where the telescope points now, which the sky map marks
    await refreshSky();
  }

  for (const button of document.querySelectorAll(".ranges button")) {
    button.addEventListener("click", () => {
      for (const other of document.querySelectorAll(".ranges button")) other.setAttribute("aria-pressed", "false");
      button.setAttribute("aria-pressed", "true");
      state.days = Number(button.dataset.days);
      guarded(refreshDeclination)();
    });
  }
  window.addEventListener("resize", () => {
    if (state.plot) state.plot.setSize({ width: Math.max(280, $("#declination-plot").clientWidth), height: 260 });
  });

  tick();
  setInterval(tick, 1000);
  guarded(refreshStatus)();
  setInterval(guarded(refreshStatus), STATUS_EVERY_MS);
  guarded(refreshSlow)();
  setInterval(guarded(refreshSlow), SLOW_EVERY_MS);
})();
