import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientFilesReachedFrom, isClientFile, namespacesOf } from "@/lib/testing/client-imports";
import { CLIENT_MESSAGE_SCOPES, clientMessagesFor, type ClientMessageScope } from "./client-messages";
import { messages } from "./messages";

const SPECIAL_FILES = /^(page|layout|error|not-found|global-error)\.tsx$/;

/** The files Next renders by convention: pages, layouts and error pages. */
function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(file);
    return SPECIAL_FILES.test(entry.name) ? [file] : [];
  });
}

/** The scope a layout gives its segment (`<ClientMessages scope="…">`), if it gives one. */
function scopeOfLayout(dir: string): ClientMessageScope | null {
  const layout = path.join(dir, "layout.tsx");
  if (!existsSync(layout)) return null;
  return (readFileSync(layout, "utf8").match(/<ClientMessages scope="(\w+)"/)?.[1] as ClientMessageScope) ?? null;
}

/**
 * The scope in force where a route file renders: its own directory's layout's (a layout's own
 * components render outside the scope it gives its children), else the nearest above it. None for
 * the root layout's own components and for global-error.tsx, which replaces the root layout.
 */
function scopeAt(file: string): ClientMessageScope | null {
  if (path.basename(file) === "global-error.tsx") return null;
  let dir = path.dirname(file);
  if (path.basename(file) === "layout.tsx") dir = path.dirname(dir);
  for (; dir !== "." && dir !== path.sep; dir = path.dirname(dir)) {
    const scope = scopeOfLayout(dir);
    if (scope) return scope;
  }
  return null;
}

const allFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : allFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });

describe("client messages", () => {
  const routes = routeFiles("app");

  it("send each part of the app exactly the namespaces its client components read", () => {
    expect(routes.length).toBeGreaterThan(20);
    const read = new Map<ClientMessageScope | null, Set<string>>();
    for (const file of routes) {
      const scope = scopeAt(file);
      const namespaces = clientFilesReachedFrom(file).flatMap((client) => namespacesOf(client, messages).namespaces);
      read.set(scope, new Set([...(read.get(scope) ?? []), ...namespaces]));
    }
    const sorted = (names: Iterable<string>) => [...names].sort();
    expect(sorted(read.get(null) ?? []), "outside every scope").toEqual([]);
    for (const scope of Object.keys(CLIENT_MESSAGE_SCOPES) as ClientMessageScope[]) {
      expect(sorted(CLIENT_MESSAGE_SCOPES[scope]), scope).toEqual(sorted(read.get(scope) ?? []));
      expect(read.has(scope), `${scope} is given by some layout`).toBe(true);
      for (const namespace of CLIENT_MESSAGE_SCOPES[scope]) {
        expect(clientMessagesFor(scope)[namespace], `${scope}: ${namespace}`).toEqual(messages[namespace]);
      }
    }
  });

  it("keep the catalogue's other namespaces on the server", () => {
    const caseList = JSON.stringify(clientMessagesFor("caseList"));
    expect(caseList.length).toBeLessThan(JSON.stringify(messages).length / 3);
    expect(Object.keys(clientMessagesFor("caseList"))).not.toContain("audit");
  });

  it("can be checked: no client file reads a key whose namespace is only known at run time", () => {
    const clients = [...allFiles("app"), ...allFiles("lib")].filter(isClientFile);
    expect(clients.length).toBeGreaterThan(10);
    const unknowable = clients.flatMap((file) =>
      namespacesOf(file, messages).unknowable.map((key) => `${file}: t(${key})`),
    );
    expect(unknowable).toEqual([]);
  });
});
