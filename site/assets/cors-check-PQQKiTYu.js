import { h } from "./vendor-ZkyYCmq0.js";
import { collection, toShow } from "./api-CCgEHnYp.js";

// One credentialed GET and one preflighted POST against the API base. Each result reads
// "ok <status>" when the browser let the page read the response, or "blocked" when it did not.

async function probe(url, init, out, detail, timeoutMs) {
  try {
    const response = await fetch(url, {
      ...init,
      credentials: "include",
      cache: "no-store",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    out.textContent = `ok ${response.status}`;
    detail.textContent = text.slice(0, 160);
    return text;
  } catch (error) {
    out.textContent = "blocked";
    detail.textContent = `${error.name}: ${error.message}`;
    return null;
  }
}

// The POST books a seat for the first show the GET returned, or show "42" when it returned none.
function firstShowId(body) {
  try {
    return toShow(collection(JSON.parse(body)).items[0]).id || "42";
  } catch {
    return "42";
  }
}

/** The /cors-check page; `settings` is the app's API configuration. */
export function corsCheck({ apiBase, crossOrigin, timeoutMs, signal }) {
  const out = (testid) => h("output", { testid }, "pending");
  const detail = (testid) => h("span", { class: "muted small detail", testid });
  const getOut = out("cors-get");
  const postOut = out("cors-post");
  const getDetail = detail("cors-get-detail");
  const postDetail = detail("cors-post-detail");
  const state = h("span", { class: "pill pill-loading", testid: "cors-status" }, "running");
  const button = h("button", { type: "button", class: "button secondary", onclick: run }, "Run again");

  async function run() {
    document.title = "cors-check:running";
    state.textContent = "running";
    state.className = "pill pill-loading";
    button.disabled = true;
    for (const el of [getOut, postOut]) el.textContent = "pending";
    for (const el of [getDetail, postDetail]) el.textContent = "";
    const body = await probe(`${apiBase}/api/shows`, { method: "GET" }, getOut, getDetail, timeoutMs);
    await probe(
      `${apiBase}/api/tickets`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Requested-With": "edgesim" },
        body: JSON.stringify({ showId: firstShowId(body), holder: "cors-check" }),
      },
      postOut,
      postDetail,
      timeoutMs,
    );
    button.disabled = false;
    if (signal.aborted) return; // the user left the page; its title is no longer ours
    state.textContent = "done";
    state.className = "pill pill-ok";
    document.title = "cors-check:done";
  }

  queueMicrotask(run);
  return [
    h("h1", { tabindex: "-1" }, "CORS check"),
    h("p", {}, "Calls the API from this page's origin with ", h("code", {}, "credentials: 'include'"),
      "; a preflighted POST follows the GET. ", state),
    crossOrigin
      ? null
      : h("p", { class: "note" }, "The API base is this page's own origin, so nothing here is cross-origin. Add ",
          h("code", {}, "?api=https://api.edgesim.test:8443"), " to the address to test CORS."),
    h("dl", { class: "facts" },
      h("dt", {}, "Page origin"), h("dd", {}, h("code", { testid: "cors-origin" }, location.origin)),
      h("dt", {}, "API base"), h("dd", {}, h("code", { testid: "cors-api-base" }, apiBase || "(same origin)")),
      h("dt", {}, h("code", {}, "GET /api/shows")), h("dd", {}, getOut, getDetail),
      h("dt", {}, h("code", {}, "POST /api/tickets")), h("dd", {}, postOut, postDetail)),
    h("p", {}, button),
  ];
}
