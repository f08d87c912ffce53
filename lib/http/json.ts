import { NextResponse } from "next/server";

/** A JSON answer of a route handler, never cached: every answer of Passage's API may hold records. */
export const json = (body: unknown, status = 200): NextResponse =>
  NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
