/// The live dashboard served at `/_edgesim/` on the control port: one self-contained HTML page (no external
/// script, style or font) that polls `/_edgesim/stats` every second and draws, from ``StatisticsSnapshot``:
/// hit ratio and byte hit ratio over the last ``StatisticsSnapshot/windowSeconds`` per distribution, behaviour,
/// POP and tier as inline SVG line charts; a table of those series; the hottest objects; recent invalidations.
///
/// Everything from the document is inserted with `textContent` or SVG attributes, never parsed as HTML, since
/// paths come from viewers. Elements tests look for carry `data-testid`: `hit-ratio-chart`,
/// `byte-hit-ratio-chart` (each line a `path` with `data-testid="series-line"` and `data-series`), `series-table`,
/// `hot-objects-table`, `invalidations-table`, `total-requests`, `total-hit-ratio`, `total-byte-hit-ratio`,
/// `origin-offload`, `status`.
public enum Dashboard {
    /// Serve with `Content-Type: text/html; charset=utf-8`.
    public static let contentType = "text/html; charset=utf-8"

    /// The page. It fetches `/_edgesim/stats` from the origin it was loaded from.
    public static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>EdgeSim dashboard</title>
        <style>
          :root { color-scheme: light dark; --fg: #1d2430; --muted: #667085; --line: #d0d5dd; --bg: #ffffff; --panel: #f8f9fb; }
          @media (prefers-color-scheme: dark) { :root { --fg: #e6e8ec; --muted: #98a2b3; --line: #344054; --bg: #101418; --panel: #161b22; } }
          body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
          header { display: flex; align-items: baseline; gap: 1rem; padding: 1rem 1.5rem; border-bottom: 1px solid var(--line); }
          header h1 { font-size: 1.2rem; margin: 0; }
          #status { color: var(--muted); }
          #status.failed { color: #d92d20; }
          main { padding: 1rem 1.5rem; display: grid; gap: 1.25rem; }
          .totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; }
          .total { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem; }
          .total span { display: block; color: var(--muted); font-size: .8rem; }
          .total strong { font-size: 1.4rem; font-variant-numeric: tabular-nums; }
          .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); gap: 1rem; }
          figure { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: .75rem; }
          figcaption { font-weight: 600; margin-bottom: .4rem; }
          svg { width: 100%; height: auto; display: block; }
          svg text { fill: var(--muted); font-size: 10px; }
          svg .grid { stroke: var(--line); stroke-width: 1; }
          svg .series { fill: none; stroke-width: 1.8; }
          .legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin-top: .4rem; font-size: .8rem; }
          .legend i { display: inline-block; width: .8rem; height: .25rem; margin-right: .3rem; vertical-align: middle; }
          table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
          th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
          th { color: var(--muted); font-weight: 500; font-size: .8rem; }
          td.number, th.number { text-align: right; }
          td.path { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
          h2 { font-size: 1rem; margin: 0 0 .4rem; }
          .empty { color: var(--muted); }
        </style>
        </head>
        <body>
        <header><h1>EdgeSim dashboard</h1><span id="status" data-testid="status">waiting for /_edgesim/stats</span></header>
        <main>
          <section class="totals">
            <div class="total"><span>Requests</span><strong data-testid="total-requests">-</strong></div>
            <div class="total"><span>Cache hit ratio</span><strong data-testid="total-hit-ratio">-</strong></div>
            <div class="total"><span>Byte hit ratio</span><strong data-testid="total-byte-hit-ratio">-</strong></div>
            <div class="total"><span>Origin offload</span><strong data-testid="origin-offload">-</strong></div>
          </section>
          <section class="charts">
            <figure><figcaption>Cache hit ratio, per second</figcaption>
              <svg data-testid="hit-ratio-chart" viewBox="0 0 640 220" role="img" aria-label="cache hit ratio over time"></svg>
              <div class="legend" data-testid="hit-ratio-legend"></div></figure>
            <figure><figcaption>Byte hit ratio, per second</figcaption>
              <svg data-testid="byte-hit-ratio-chart" viewBox="0 0 640 220" role="img" aria-label="byte hit ratio over time"></svg>
              <div class="legend" data-testid="byte-hit-ratio-legend"></div></figure>
          </section>
          <section><h2>Distributions, behaviours and POPs</h2>
            <table data-testid="series-table"><thead><tr><th>Distribution</th><th>Behavior</th><th>POP</th><th>Tier</th>
              <th class="number">Requests</th><th class="number">Hits</th><th class="number">Refresh hits</th><th class="number">Misses</th>
              <th class="number">Hit ratio</th><th class="number">Byte hit ratio</th><th class="number">Origin offload</th>
              <th class="number">p50</th><th class="number">p99</th></tr></thead><tbody></tbody></table></section>
          <section><h2>Hottest objects</h2>
            <table data-testid="hot-objects-table"><thead><tr><th>Distribution</th><th>Path</th><th class="number">Requests</th>
              <th class="number">Hits</th><th class="number">Hit share</th></tr></thead><tbody></tbody></table></section>
          <section><h2>Recent invalidations</h2>
            <table data-testid="invalidations-table"><thead><tr><th>Id</th><th>Distribution</th><th>Paths</th><th>Created</th>
              <th>Status</th></tr></thead><tbody></tbody></table></section>
        </main>
        <script>
        "use strict";
        const SVG = "http://www.w3.org/2000/svg";
        const COLORS = ["#2e90fa", "#f79009", "#12b76a", "#f04438", "#7a5af8", "#ee46bc", "#06aed4", "#84adff", "#a15c07", "#667085"];
        const W = 640, H = 220, LEFT = 40, RIGHT = 10, TOP = 10, BOTTOM = 24;

        const percent = (value) => value === null || value === undefined ? "-" : (value * 100).toFixed(1) + "%";
        const seconds = (value) => {
          if (value === null || value === undefined) return "-";
          if (value < 1) { const ms = value * 1000; return (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)) + " ms"; }
          return value.toFixed(2) + " s";
        };
        const label = (series) => `${series.distribution} ${series.behavior} @ ${series.pop}` + (series.tier === "edge" ? "" : ` (${series.tier})`);

        function element(name, attributes, text) {
          const node = name.startsWith("svg:") ? document.createElementNS(SVG, name.slice(4)) : document.createElement(name);
          for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
          if (text !== undefined) node.textContent = String(text);
          return node;
        }

        function row(cells) {
          const tr = element("tr");
          for (const [text, className] of cells) tr.appendChild(element("td", className ? { class: className } : {}, text));
          return tr;
        }

        function fillTable(testid, rows, columns) {
          const body = document.querySelector(`[data-testid="${testid}"] tbody`);
          body.replaceChildren();
          if (rows.length === 0) {
            const tr = element("tr");
            tr.appendChild(element("td", { colspan: columns, class: "empty" }, "none yet"));
            body.appendChild(tr);
            return;
          }
          for (const cells of rows) body.appendChild(row(cells));
        }

        function drawChart(testid, snapshot, ratio) {
          const svg = document.querySelector(`[data-testid="${testid}-chart"]`);
          const legend = document.querySelector(`[data-testid="${testid}-legend"]`);
          svg.replaceChildren();
          legend.replaceChildren();
          const end = Math.floor(snapshot.generatedAt), start = end - snapshot.windowSeconds;
          const x = (second) => LEFT + (second - start) / snapshot.windowSeconds * (W - LEFT - RIGHT);
          const y = (value) => TOP + (1 - value) * (H - TOP - BOTTOM);
          for (const level of [0, 0.25, 0.5, 0.75, 1]) {
            svg.appendChild(element("svg:line", { class: "grid", x1: LEFT, x2: W - RIGHT, y1: y(level), y2: y(level) }));
            svg.appendChild(element("svg:text", { x: LEFT - 4, y: y(level) + 3, "text-anchor": "end" }, `${level * 100}%`));
          }
          for (const minutesAgo of [10, 5, 0]) {
            const second = end - minutesAgo * 60;
            if (second < start) continue;
            svg.appendChild(element("svg:text", { x: x(second), y: H - 6, "text-anchor": "middle" }, minutesAgo === 0 ? "now" : `-${minutesAgo} min`));
          }
          snapshot.timeSeries.forEach((series, index) => {
            const color = COLORS[index % COLORS.length];
            let d = "", previous = null, last = null;
            for (const point of series.points) {
              const value = point[ratio];
              if (value === null || value === undefined) { previous = null; continue; }
              const command = previous === null || point.second - previous > 5 ? "M" : "L";
              d += `${command}${x(point.second).toFixed(1)},${y(value).toFixed(1)} `;
              previous = point.second;
              last = [x(point.second), y(value)];
            }
            if (d === "") return;
            svg.appendChild(element("svg:path", { class: "series", d: d.trim(), stroke: color, "data-testid": "series-line", "data-series": label(series) }));
            svg.appendChild(element("svg:circle", { cx: last[0].toFixed(1), cy: last[1].toFixed(1), r: 2.5, fill: color }));
            const entry = element("span");
            entry.appendChild(element("i", { style: `background:${color}` }));
            entry.appendChild(document.createTextNode(label(series)));
            legend.appendChild(entry);
          });
          if (legend.childElementCount === 0) legend.appendChild(element("span", { class: "empty" }, "no cacheable requests in the window"));
        }

        function render(snapshot) {
          const totals = snapshot.totals.traffic;
          document.querySelector('[data-testid="total-requests"]').textContent = totals.requests.toLocaleString("en-US");
          document.querySelector('[data-testid="total-hit-ratio"]').textContent = percent(totals.hitRatio);
          document.querySelector('[data-testid="total-byte-hit-ratio"]').textContent = percent(totals.byteHitRatio);
          document.querySelector('[data-testid="origin-offload"]').textContent = percent(totals.originOffload);
          drawChart("hit-ratio", snapshot, "hitRatio");
          drawChart("byte-hit-ratio", snapshot, "byteHitRatio");
          fillTable("series-table", snapshot.series.map((s) => [
            [s.distribution], [s.behavior], [s.pop], [s.tier], [s.traffic.requests, "number"], [s.traffic.hits, "number"],
            [s.traffic.refreshHits, "number"], [s.traffic.misses, "number"], [percent(s.traffic.hitRatio), "number"],
            [percent(s.traffic.byteHitRatio), "number"], [percent(s.traffic.originOffload), "number"],
            [seconds(s.latency.p50Seconds), "number"], [seconds(s.latency.p99Seconds), "number"],
          ]), 13);
          fillTable("hot-objects-table", snapshot.hotObjects.map((o) => [
            [o.distribution], [o.path, "path"], [o.requests, "number"], [o.hits, "number"], [percent(o.requests > 0 ? o.hits / o.requests : null), "number"],
          ]), 5);
          fillTable("invalidations-table", snapshot.invalidations.map((i) => [
            [i.id], [i.distribution], [i.paths.join(" "), "path"], [new Date(i.createTime * 1000).toISOString().replace(".000", "")], [i.status],
          ]), 5);
          const status = document.getElementById("status");
          status.className = "";
          status.textContent = `updated ${new Date(snapshot.generatedAt * 1000).toISOString().slice(11, 19)} UTC`;
        }

        async function poll() {
          try {
            const response = await fetch("/_edgesim/stats", { cache: "no-store" });
            if (!response.ok) throw new Error(`HTTP ${response.status}`);
            render(await response.json());
          } catch (error) {
            const status = document.getElementById("status");
            status.className = "failed";
            status.textContent = `cannot read /_edgesim/stats: ${error.message}`;
          } finally {
            setTimeout(poll, 1000);
          }
        }
        poll();
        </script>
        </body>
        </html>
        """#
}
