// Shared runtime for the app chunks: a tiny element builder and a History API router.

/**
 * Builds an element: h("a", { href: "/shows", class: "card", testid: "x" }, "Shows", child, [more]).
 * Text is always inserted as text, never parsed as HTML.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "testid") el.setAttribute("data-testid", value);
    else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else el.setAttribute(key, value === true ? "" : String(value));
  }
  return appendChildren(el, children);
}

/** Replaces everything inside `el` with `children` (nodes, strings, arrays, null). */
export function render(el, ...children) {
  el.replaceChildren();
  return appendChildren(el, children);
}

function appendChildren(parent, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) appendChildren(parent, child);
    else parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

function compile(pattern) {
  const names = [];
  const source = pattern
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(segment.slice(1));
      return "([^/]+)";
    })
    .join("/");
  return { regex: new RegExp(`^${source}$`), names };
}

/**
 * Client-side routing with pushState and popstate.
 * routes: [{ path: "/shows/:id", name, view }]; fallback: the route for every other path;
 * onRoute({ route, params, path, url, initial }) runs on start, on intercepted link clicks and on popstate.
 */
export function createRouter({ routes, fallback, onRoute }) {
  const table = routes.map((route) => ({ route, ...compile(route.path) }));

  function resolve(pathname) {
    const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    for (const { route, regex, names } of table) {
      const match = regex.exec(path);
      if (!match) continue;
      try {
        const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
        return { route, params, path };
      } catch {
        break; // a malformed %-escape names no resource we know
      }
    }
    return { route: fallback, params: {}, path };
  }

  function dispatch(initial = false) {
    onRoute({ ...resolve(location.pathname), url: new URL(location.href), initial });
  }

  function navigate(href, { replace = false } = {}) {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return location.assign(url.href);
    history[replace ? "replaceState" : "pushState"](null, "", url.pathname + url.search + url.hash);
    dispatch();
    if (!url.hash) window.scrollTo(0, 0);
  }

  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("download") || link.dataset.router === "off") return;
    if (link.target && link.target !== "_self") return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    // Files in the bucket (/info/venues.json, /robots.txt) are not app routes.
    if (/\.[a-z0-9]+$/i.test(url.pathname)) return;
    // Same page, different fragment: let the browser scroll.
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    navigate(url.href);
  }

  return {
    navigate,
    resolve,
    start() {
      document.addEventListener("click", onClick);
      window.addEventListener("popstate", () => dispatch());
      dispatch(true);
    },
  };
}
