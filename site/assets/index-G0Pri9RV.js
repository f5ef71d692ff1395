import { h, render, createRouter } from "./vendor-ZkyYCmq0.js";
import { ApiError, TIMEOUT_MS, api, collection, request, settings, str, toShow, toTicket } from "./api-CCgEHnYp.js";

const APP_NAME = "EdgeSim Tickets";

// ---------------------------------------------------------------------------
// Formatting.

const money = (cents) =>
  cents === null ? "—" : new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

function when(iso) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return iso || "date to be announced";
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

const timeEl = (iso) => h("time", iso && !Number.isNaN(Date.parse(iso)) ? { datetime: iso } : {}, when(iso));

// ---------------------------------------------------------------------------
// Shared view pieces.

function errorBox(error, retry) {
  return h(
    "div",
    { class: "alert", role: "alert", testid: "api-error", "data-kind": error.kind, "data-status": error.status || null },
    h("p", { class: "alert-title" }, error.headline),
    h("p", { testid: "api-error-message" }, error.message),
    h("p", { class: "muted small" }, h("code", {}, `${error.method} ${error.url}`), error.errorType ? ` · ${error.errorType}` : null),
    retry ? h("button", { type: "button", class: "button secondary", onclick: retry }, "Try again") : null,
  );
}

function statusPill(testid, state) {
  return h("span", { class: `pill pill-${state}`, testid, title: "API call status" }, state);
}

// Runs `fetchData` and renders "loading", then `show(result, pill)` or the error, into `slot`.
async function load(slot, ctx, testid, fetchData, show) {
  const status = statusPill(testid, "loading");
  render(slot, h("p", { class: "status-line" }, status, " Loading…"));
  try {
    const result = await fetchData();
    if (ctx.signal.aborted) return;
    render(slot, show(result, statusPill(testid, "ok")));
  } catch (error) {
    if (ctx.signal.aborted) return;
    const failure = error instanceof ApiError ? error : new ApiError("app", { method: "GET", url: location.pathname, message: String(error) });
    render(slot, h("p", { class: "status-line" }, statusPill(testid, "error")), errorBox(failure, () => load(slot, ctx, testid, fetchData, show)));
  }
}

const heading = (text, props = {}) => h("h1", { tabindex: "-1", ...props }, text);

// ---------------------------------------------------------------------------
// Views. Each gets ctx = { params, url, signal } and returns the nodes to show.

function homeView(ctx) {
  const info = h("div", { class: "card" });
  load(info, ctx, "info-status", () => request("GET", "/info/index.json", { credentials: "same-origin", signal: ctx.signal }), ({ data }, pill) => [
    h("h2", {}, h("span", { testid: "info-venue" }, str(data?.venue?.name) || "Our venue"), " ", pill),
    h("p", {}, str(data?.venue?.description)),
    h("p", { class: "muted small" }, `${str(data?.app?.name) || APP_NAME} ${str(data?.app?.version)} · venue info served as static JSON from the bucket`),
  ]);
  return [
    h("section", { class: "hero" },
      heading("Live shows, served from the edge"),
      h("p", { class: "lead" }, "Find a show, book a seat, and keep your tickets in one place."),
      h("p", { class: "actions" },
        h("a", { class: "button", href: "/shows" }, "Browse shows"),
        h("a", { class: "button secondary", href: "/tickets" }, "My tickets")),
    ),
    info,
    h("ul", { class: "grid tiers", "aria-label": "How the app is served" },
      tier("Shows", "/api/shows", "API Gateway in front of the shows table."),
      tier("Tickets", "/api/tickets", "Booking posts JSON to the same API."),
      tier("Info", "/info/index.json", "Static JSON served straight from the bucket.")),
  ];
}

function tier(title, path, text) {
  return h("li", { class: "card" }, h("h2", {}, title), h("p", {}, h("code", {}, path)), h("p", { class: "muted small" }, text));
}

function showCard(show) {
  return h("li", { class: "card show", testid: "show-item", "data-show-id": show.id },
    h("h2", {}, h("a", { href: `/shows/${encodeURIComponent(show.id)}` }, show.title)),
    h("p", { class: "muted" }, show.venue || "Venue to be announced", " · ", timeEl(show.date)),
    h("p", { class: "meta" }, h("span", { class: "price" }, money(show.priceCents)), seatsText(show.seatsLeft)),
  );
}

function seatsText(seats) {
  if (seats === null) return null;
  return h("span", { class: seats === 0 ? "seats sold-out" : "seats" }, seats === 0 ? "Sold out" : `${seats} seats left`);
}

// A paged collection: the first page, then "Load more" while the API hands out a nextToken.
function listView(ctx, { path, testid, noun, toItem, item, empty }) {
  const slot = h("div");
  const items = [];
  load(slot, ctx, `${testid}-status`, () => api("GET", path, { signal: ctx.signal }), function show({ data }, pill) {
    const page = collection(data);
    items.push(...page.items.map(toItem));
    const more = page.nextToken
      ? h("button", { type: "button", class: "button secondary", testid: `${testid}-more`, onclick: () =>
          load(slot, ctx, `${testid}-status`, () => api("GET", `${path}?nextToken=${encodeURIComponent(page.nextToken)}`, { signal: ctx.signal }), show) }, "Load more")
      : null;
    return [
      h("p", { class: "status-line" }, pill, " ", h("span", { testid: `${testid}-count` }, String(items.length)), ` ${noun}${items.length === 1 ? "" : "s"}`),
      items.length ? h("ul", { class: `grid ${testid}` }, items.map(item)) : h("p", { class: "empty" }, empty),
      more,
    ];
  });
  return slot;
}

function showsView(ctx) {
  return [
    heading("Shows"),
    listView(ctx, { path: "/api/shows", testid: "shows", noun: "show", toItem: toShow, item: showCard, empty: "No shows are on sale right now." }),
  ];
}

function showView(ctx) {
  const id = ctx.params.id;
  const title = heading(`Show ${id}`, { testid: "show-title" });
  const slot = h("div");
  load(slot, ctx, "show-status", () => api("GET", `/api/shows/${encodeURIComponent(id)}`, { signal: ctx.signal }), ({ data }, pill) => {
    const show = toShow({ id, ...(data?.item ?? data?.Item ?? data) });
    title.textContent = show.title;
    document.title = `${show.title} · ${APP_NAME}`;
    return [
      h("p", { class: "status-line" }, pill, " Show ", h("code", {}, show.id)),
      h("dl", { class: "facts" },
        h("dt", {}, "Venue"), h("dd", {}, show.venue || "To be announced"),
        h("dt", {}, "When"), h("dd", {}, timeEl(show.date)),
        h("dt", {}, "Price"), h("dd", { testid: "show-price" }, money(show.priceCents)),
        h("dt", {}, "Seats left"), h("dd", { testid: "show-seats" }, show.seatsLeft === null ? "—" : String(show.seatsLeft))),
      buyForm(show),
    ];
  });
  return [h("p", { class: "back" }, h("a", { href: "/shows" }, "← All shows")), title, slot];
}

function buyForm(show) {
  const soldOut = show.seatsLeft === 0;
  const result = h("div", { class: "result", "aria-live": "polite" });
  const state = h("span", { class: "pill pill-idle", testid: "buy-status" }, "idle");
  const setState = (value) => {
    state.textContent = value;
    state.className = `pill pill-${value}`;
  };
  const input = h("input", { id: "holder", name: "holder", required: true, maxlength: "80", autocomplete: "name", disabled: soldOut });
  const button = h("button", { type: "submit", class: "button", disabled: soldOut }, soldOut ? "Sold out" : `Buy ticket · ${money(show.priceCents)}`);

  async function submit(event) {
    event.preventDefault();
    const holder = input.value.trim();
    if (!holder) return input.focus();
    button.disabled = true;
    setState("pending");
    render(result);
    try {
      const [{ data }, { ticketReceipt }] = await Promise.all([
        api("POST", "/api/tickets", { body: { showId: show.id, holder } }),
        import("./ticket-i77Amx-p.js"),
      ]);
      setState("ok");
      render(result, ticketReceipt(data, show));
      input.value = "";
    } catch (error) {
      setState("error");
      render(result, error instanceof ApiError ? errorBox(error) : h("p", { class: "alert", role: "alert" }, String(error)));
    } finally {
      button.disabled = soldOut;
    }
  }

  return h("form", { class: "card buy", testid: "buy-form", onsubmit: submit },
    h("h2", {}, "Buy a ticket ", state),
    h("label", { for: "holder" }, "Name on the ticket"),
    h("div", { class: "row" }, input, button),
    result,
  );
}

function ticketsView(ctx) {
  const item = (t) =>
    h("li", { class: "card ticket", testid: "ticket-item", "data-ticket-id": t.id },
      h("h2", {}, t.holder || "Guest"),
      h("p", {}, h("a", { href: `/shows/${encodeURIComponent(t.showId)}` }, t.showTitle || `Show ${t.showId}`)),
      h("p", { class: "muted small" }, "Ticket ", h("code", {}, t.id), t.createdAt ? [" · booked ", timeEl(t.createdAt)] : null));
  return [
    heading("My tickets"),
    listView(ctx, { path: "/api/tickets", testid: "tickets", noun: "ticket", toItem: toTicket, item, empty: "No tickets yet. Pick a show to book one." }),
  ];
}

function infoView(ctx) {
  const slot = h("div");
  const read = async () => {
    const options = { credentials: "same-origin", signal: ctx.signal };
    const [index, venues] = await Promise.all([request("GET", "/info/index.json", options), request("GET", "/info/venues.json", options)]);
    return { index: index.data, venues: collection(venues.data).items };
  };
  load(slot, ctx, "info-status", read, ({ index, venues }, pill) => [
    h("p", { class: "status-line" }, pill, " ", h("span", { testid: "venues-count" }, String(venues.length)), " venues"),
    h("p", {}, str(index?.app?.description)),
    h("ul", { class: "grid" }, venues.map((v) =>
      h("li", { class: "card", testid: "venue-item", "data-venue-id": str(v.id) },
        h("h2", {}, str(v.name)),
        h("p", { class: "muted" }, [str(v.address), str(v.city)].filter(Boolean).join(", ")),
        h("p", { class: "small" }, `Capacity ${str(v.capacity) || "—"}`)))),
    h("p", { class: "muted small" }, "Raw files: ",
      h("a", { href: "/info/index.json" }, "/info/index.json"), " · ", h("a", { href: "/info/venues.json" }, "/info/venues.json")),
  ]);
  return [heading("About"), slot];
}

function notFoundView(ctx) {
  return [
    heading("Page not found"),
    h("p", {}, "There is no page at ", h("code", { testid: "not-found-path" }, ctx.url.pathname), "."),
    h("p", {}, h("a", { class: "button", href: "/" }, "Go home")),
  ];
}

// /cors-check lives in its own chunk: only tests and curious developers open it.
function corsCheckView(ctx) {
  const slot = h("div", {}, heading("CORS check"), h("p", { class: "status-line" }, "Loading the check…"));
  import("./cors-check-PQQKiTYu.js")
    .then(({ corsCheck }) => {
      if (!ctx.signal.aborted) render(slot, corsCheck({ ...settings, timeoutMs: TIMEOUT_MS, signal: ctx.signal }));
    })
    .catch((error) => {
      render(slot, heading("CORS check"), h("p", { class: "alert", role: "alert" }, `Could not load the check: ${error.message}`));
      document.title = "cors-check:error";
    });
  return slot;
}

// ---------------------------------------------------------------------------
// Shell and routing.

const routes = [
  { path: "/", name: "home", title: "Home", view: homeView },
  { path: "/shows", name: "shows", title: "Shows", view: showsView },
  { path: "/shows/:id", name: "show", title: "Show", view: showView },
  { path: "/tickets", name: "tickets", title: "My tickets", view: ticketsView },
  { path: "/info", name: "info", title: "About", view: infoView },
  { path: "/cors-check", name: "cors-check", title: "CORS check", view: corsCheckView },
];
const notFound = { path: "*", name: "not-found", title: "Not found", view: notFoundView };

const main = h("main", { id: "main", class: "container", tabindex: "-1" });
const routeOut = h("code", { testid: "route" });
const announcer = h("p", { class: "sr-only", "aria-live": "polite", testid: "announcer" });
const navLinks = [["/", "Home"], ["/shows", "Shows"], ["/tickets", "My tickets"], ["/info", "About"]].map(([href, label]) =>
  h("a", { href }, label));
let current = null;

function shell() {
  const brand = h("a", { class: "brand", href: "/" }, h("img", { src: "/favicon.svg", alt: "", width: "28", height: "28" }), APP_NAME);
  return [
    h("a", { class: "skip-link", href: "#main" }, "Skip to content"),
    h("header", { class: "site-header" }, h("div", { class: "container bar" }, brand, h("nav", { "aria-label": "Main" }, navLinks))),
    settings.warnings.map((w) => h("p", { class: "container note", role: "status", testid: "config-warning" }, w)),
    main,
    h("footer", { class: "site-footer" },
      h("div", { class: "container bar" },
        h("span", {}, "API ", h("code", { testid: "api-base", "data-source": settings.source }, settings.apiBase || "same origin")),
        h("span", {}, "view ", routeOut),
        h("a", { href: "/cors-check" }, "CORS check"))),
    announcer,
  ];
}

function onRoute({ route, params, url, initial }) {
  current?.abort();
  current = new AbortController();
  routeOut.textContent = route.name;
  main.dataset.route = route.name;
  document.title = route.name === "cors-check" ? "cors-check:running" : `${route.title} · ${APP_NAME}`;
  for (const link of navLinks) {
    const href = link.getAttribute("href");
    const active = href === "/" ? url.pathname === "/" : url.pathname === href || url.pathname.startsWith(`${href}/`);
    if (active) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  render(main, route.view({ params, url, signal: current.signal }));
  if (!initial) {
    main.querySelector("h1")?.focus({ preventScroll: true });
    announcer.textContent = `${route.title} page`;
  }
}

render(document.getElementById("app"), shell());
createRouter({ routes, fallback: notFound, onRoute }).start();
