import { createHash } from "node:crypto";

/**
 * How Passage recognises a source it has seen before (the unique `sources.key`): forms refuse a
 * duplicate and the CSV import reuses the existing source. Both must call this one function.
 *
 * - With an http(s) URL: the URL with scheme and host in lower case, default port, credentials,
 *   fragment, `utm_*` parameters and trailing slashes removed; the path and the other parameters
 *   are kept as written (paths are case-sensitive). `http` and `https` stay distinct.
 * - Otherwise: `title|publisher|publishedOn`, each NFKC-folded, trimmed, whitespace-collapsed and
 *   lower-cased (`publishedOn` as YYYY-MM-DD or empty).
 * A key longer than {@link MAX_KEY_BYTES} UTF-8 bytes becomes `sha256:<hex>` of itself, so that it
 * always fits in the unique B-tree index (about 2,700 bytes per entry).
 */
export interface SourceKeyInput {
  url?: string | null;
  title: string;
  publisher?: string | null;
  /** YYYY-MM-DD. */
  publishedOn?: string | null;
}

export const MAX_KEY_BYTES = 2000;

/** The normalised form of an http(s) URL, or null when `input` is not one. */
export function normaliseSourceUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const path = url.pathname.replace(/\/+$/, "");
  const query = url.search
    .slice(1)
    .split("&")
    .filter((part) => part !== "" && !paramName(part).startsWith("utm_"))
    .join("&");
  return `${url.protocol}//${url.host}${path}${query ? `?${query}` : ""}`;
}

function paramName(part: string): string {
  const name = part.split("=")[0] ?? "";
  try {
    return decodeURIComponent(name.replace(/\+/g, " ")).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

function normaliseText(value: string | null | undefined): string {
  return (value ?? "").normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();
}

/** The duplicate-detection key of a source; see the rules above. */
export function sourceKey(input: SourceKeyInput): string {
  const url = input.url ? normaliseSourceUrl(input.url) : null;
  const key =
    url ?? [normaliseText(input.title), normaliseText(input.publisher), (input.publishedOn ?? "").trim()].join("|");
  if (new TextEncoder().encode(key).length <= MAX_KEY_BYTES) return key;
  return `sha256:${createHash("sha256").update(key).digest("hex")}`;
}
