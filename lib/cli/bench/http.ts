/** A signed-in HTTP client for the benchmark: next-auth's credentials flow, cookies kept by hand. */
export class BenchClient {
  private cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      this.cookies.set(name!.trim(), value.join("="));
    }
  }

  async get(path: string): Promise<Response> {
    const response = await fetch(`${this.base}${path}`, {
      headers: { cookie: this.cookieHeader() },
      redirect: "manual",
    });
    this.keep(response);
    return response;
  }

  async signIn(email: string, password: string) {
    const csrf = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await fetch(`${this.base}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader() },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, email, password, json: "true" }),
      redirect: "manual",
    });
    this.keep(response);
    if (![...this.cookies.keys()].some((k) => k.includes("session-token"))) throw new Error("benchmark sign-in failed");
  }
}

/** Times `count` sequential requests (after `warmup` untimed ones); every answer must be 200. */
export async function timeRequests(client: BenchClient, path: string, count: number, warmup = 5) {
  const samples: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const started = performance.now();
    const response = await client.get(path);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    if (i >= warmup) samples.push(performance.now() - started);
  }
  return summarise(samples);
}

export function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: round(at(0.5)), p95: round(at(0.95)), n: samples.length };
}

export const round = (value: number) => Math.round(value * 10) / 10;
