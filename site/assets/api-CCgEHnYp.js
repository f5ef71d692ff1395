// The API client: where the API lives, how calls fail, and tolerant readers for what it returns.

export const TIMEOUT_MS = 15000;
const API_BASE_KEY = "edgesim.apiBase";

// ---------------------------------------------------------------------------
// Where the API lives: ?api=<origin> (kept for the tab in sessionStorage),
// then <meta name="edgesim-api-base">, then the page's own origin.

// An absolute http(s) base without a trailing slash, or null.
function normalizeBase(raw) {
  let url;
  try {
    url = new URL(raw, location.href);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.origin + url.pathname.replace(/\/+$/, "");
}

function readSession() {
  try {
    return sessionStorage.getItem(API_BASE_KEY);
  } catch {
    return null; // storage disabled
  }
}

function writeSession(value) {
  try {
    if (value === null) sessionStorage.removeItem(API_BASE_KEY);
    else sessionStorage.setItem(API_BASE_KEY, value);
  } catch {
    // storage disabled: the setting lasts for this page only
  }
}

function resolveConfig() {
  const warnings = [];
  const query = new URLSearchParams(location.search);
  if (query.has("api")) {
    const raw = query.get("api").trim();
    const base = /^https?:\/\//i.test(raw) ? normalizeBase(raw) : null;
    if (raw === "") writeSession(null); // ?api= goes back to the default
    else if (base === null) warnings.push(`Ignored ?api=${raw}: expected an http(s) URL such as https://api.edgesim.test:8443`);
    else {
      writeSession(base);
      return config(base, "query", warnings);
    }
  }
  const stored = readSession();
  if (stored && normalizeBase(stored) !== null) return config(normalizeBase(stored), "session", warnings);
  const meta = document.querySelector('meta[name="edgesim-api-base"]')?.content.trim();
  if (meta) {
    if (normalizeBase(meta) !== null) return config(normalizeBase(meta), "meta", warnings);
    warnings.push(`Ignored <meta name="edgesim-api-base" content="${meta}">: not an http(s) URL`);
  }
  return config("", "default", warnings);
}

// apiBase "" means the page's own origin: calls go to /api/... relative to it.
function config(apiBase, source, warnings) {
  const crossOrigin = apiBase !== "" && new URL(apiBase).origin !== location.origin;
  return { apiBase, source, warnings, crossOrigin, credentials: crossOrigin ? "include" : "same-origin" };
}

export const settings = resolveConfig();

// ---------------------------------------------------------------------------
// HTTP: every failure becomes an ApiError the views can show as it is.

export class ApiError extends Error {
  constructor(kind, { method, url, status = 0, message, errorType = null }) {
    super(message);
    Object.assign(this, { kind, method, url, status, errorType });
  }

  get headline() {
    if (this.kind === "http") return `HTTP ${this.status}`;
    if (this.kind === "format") return `HTTP ${this.status}: not JSON`;
    if (this.kind === "timeout") return "Timed out";
    if (this.kind === "app") return "Something went wrong in the app";
    return "Blocked or unreachable";
  }
}

export async function request(method, url, { body, headers = {}, credentials = settings.credentials, signal } = {}) {
  const init = { method, credentials, headers: { Accept: "application/json", ...headers } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener("abort", abort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);
  let response;
  let text;
  try {
    response = await fetch(url, { ...init, signal: controller.signal });
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw error; // the user navigated away; nobody is waiting
    if (timedOut) throw new ApiError("timeout", { method, url, message: `No answer within ${TIMEOUT_MS / 1000} s` });
    throw new ApiError("network", {
      method,
      url,
      message: "The browser got no readable response: blocked by CORS, a TLS error, or the server is unreachable.",
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", abort);
  }
  let data = null;
  let isJSON = text.trim() === "";
  if (!isJSON) {
    try {
      data = JSON.parse(text);
      isJSON = true;
    } catch {
      // reported below
    }
  }
  const status = response.status;
  const type = response.headers.get("content-type") || "";
  if (!response.ok) {
    const message = errorMessage(data, text, type) || response.statusText || "Request failed";
    throw new ApiError("http", { method, url, status, message, errorType: response.headers.get("x-amzn-errortype") });
  }
  if (!isJSON) {
    throw new ApiError("format", { method, url, status, message: `Expected JSON, got ${type || "no content type"}` });
  }
  return { status, data };
}

// API Gateway says {"message": "..."}; S3 says <Message>...</Message>; CloudFront sends an HTML page.
function errorMessage(data, text, type) {
  const fromJSON = data?.message ?? data?.Message ?? data?.errorMessage ?? data?.error;
  if (fromJSON != null) return typeof fromJSON === "string" ? fromJSON : JSON.stringify(fromJSON);
  const fromMarkup = /<Message>([^<]*)<\/Message>/.exec(text) ?? /<(?:title|h1|h2)[^>]*>([^<]+)</i.exec(text);
  if (fromMarkup) return fromMarkup[1].trim();
  return /html|xml/i.test(type) ? "" : text.trim().slice(0, 200);
}

export const api = (method, path, options) => request(method, settings.apiBase + path, options);

// ---------------------------------------------------------------------------
// Tolerant readers for what the gateway returns.

function plain(value) {
  // DynamoDB-typed attribute values ({"S": "42"}) read as their plain value.
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && ["S", "N", "BOOL"].includes(keys[0])) {
      return keys[0] === "N" ? Number(value.N) : value[keys[0]];
    }
  }
  return value;
}

function num(value) {
  const v = plain(value);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function str(value) {
  const v = plain(value);
  return v == null ? "" : String(v);
}

export function collection(data) {
  const list = Array.isArray(data) ? data : (data?.items ?? data?.Items ?? data?.data ?? []);
  const token = data?.nextToken ?? data?.NextToken ?? null;
  return { items: Array.isArray(list) ? list : [], nextToken: typeof token === "string" && token ? token : null };
}

export function toShow(raw) {
  const r = raw ?? {};
  const id = str(r.id ?? r.showId);
  const price = num(r.price);
  return {
    id,
    title: str(r.title ?? r.name) || `Show ${id}`,
    venue: str(r.venue ?? r.venueName),
    date: str(r.date ?? r.startsAt),
    priceCents: num(r.priceCents) ?? (price === null ? null : Math.round(price * 100)),
    seatsLeft: num(r.seatsLeft ?? r.availableSeats),
  };
}

export function toTicket(raw) {
  const r = raw ?? {};
  return {
    id: str(r.id ?? r.ticketId),
    showId: str(r.showId),
    showTitle: str(r.showTitle),
    holder: str(r.holder ?? r.name),
    createdAt: str(r.createdAt),
  };
}

