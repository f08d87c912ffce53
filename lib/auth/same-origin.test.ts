import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./same-origin";

const request = (headers: Record<string, string>) => isSameOrigin(new Headers(headers));

describe("isSameOrigin", () => {
  it("accepts an origin naming the host the request was sent to", () => {
    expect(request({ host: "passage.example.org", origin: "https://passage.example.org" })).toBe(true);
    expect(request({ host: "127.0.0.1:3100", origin: "http://127.0.0.1:3100" })).toBe(true);
    expect(request({ host: "Passage.Example.org", origin: "https://passage.example.ORG" })).toBe(true);
  });

  it("refuses another site, another port or a lookalike host", () => {
    expect(request({ host: "passage.example.org", origin: "https://evil.example" })).toBe(false);
    expect(request({ host: "127.0.0.1:3100", origin: "http://127.0.0.1:3101" })).toBe(false);
    expect(request({ host: "passage.example.org", origin: "https://passage.example.org.evil.example" })).toBe(false);
    expect(request({ host: "passage.example.org", origin: "https://evil.example/passage.example.org" })).toBe(false);
  });

  it("refuses a foreign origin even when the browser calls it same-origin", () => {
    const headers = { host: "passage.example.org", origin: "https://evil.example", "sec-fetch-site": "same-origin" };
    expect(request(headers)).toBe(false);
  });

  it("compares with the host a reverse proxy forwarded, when there is one", () => {
    const proxied = { host: "10.0.0.5:3000", "x-forwarded-host": "passage.example.org" };
    expect(request({ ...proxied, origin: "https://passage.example.org" })).toBe(true);
    expect(request({ ...proxied, origin: "http://10.0.0.5:3000" })).toBe(false);
    expect(
      request({ host: "a", "x-forwarded-host": "passage.example.org, a", origin: "https://passage.example.org" }),
    ).toBe(true);
  });

  it("refuses a malformed origin or a request without a host", () => {
    expect(request({ host: "passage.example.org", origin: "passage.example.org" })).toBe(false);
    expect(request({ origin: "https://passage.example.org" })).toBe(false);
  });

  it("without a usable origin, trusts only the browser's own Sec-Fetch-Site: same-origin", () => {
    expect(request({ host: "passage.example.org", origin: "null", "sec-fetch-site": "same-origin" })).toBe(true);
    expect(request({ host: "passage.example.org", "sec-fetch-site": "same-origin" })).toBe(true);
    expect(request({ host: "passage.example.org", origin: "null", "sec-fetch-site": "cross-site" })).toBe(false);
    expect(request({ host: "passage.example.org", "sec-fetch-site": "same-site" })).toBe(false);
    expect(request({ host: "passage.example.org", origin: "null" })).toBe(false);
    expect(request({ host: "passage.example.org" })).toBe(false);
  });
});
