/**
 * Whether a state-changing request was sent by Passage's own pages, not by another site riding on
 * the user's session cookie (CSRF). Next checks this for server actions; a route handler that takes a
 * POST from the browser must call this itself.
 *
 * The `Origin` must name the host the request was sent to (as Next does: `X-Forwarded-Host` when a
 * reverse proxy sets it, else `Host`; a page cannot set either on a cross-site request). A browser
 * that withholds the origin (`Origin: null`, which the Fetch standard sends under a `no-referrer`
 * policy) still sends `Sec-Fetch-Site`, which no page can forge. A request with neither, such as a
 * script's, is refused: the command-line import is the way in for scripts.
 */
export function isSameOrigin(headers: Headers): boolean {
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim().toLowerCase();
  const origin = headers.get("origin");
  if (origin && origin !== "null") {
    if (!host) return false;
    try {
      return new URL(origin).host.toLowerCase() === host;
    } catch {
      return false;
    }
  }
  return headers.get("sec-fetch-site") === "same-origin";
}
