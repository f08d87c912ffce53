import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_NAMESPACES, clientMessages } from "./client-messages";
import { messages } from "./messages";

/** Every "use client" file of the app. */
function clientFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : clientFiles(file);
    if (!/\.tsx?$/.test(entry.name)) return [];
    return /^\s*["']use client["']/.test(readFileSync(file, "utf8")) ? [file] : [];
  });
}

/**
 * The message namespaces a client file reads: `useTranslations("ns")`, and with `useTranslations()`
 * every "ns.key" literal in the file (keys are chosen by conditions, so every literal counts). A key
 * that begins with an interpolation cannot be checked.
 */
function namespacesOf(source: string): { namespaces: string[]; unknowable: string[] } {
  const namespaces = [...source.matchAll(/useTranslations\(\s*["'`]([A-Za-z]+)/g)].map((m) => m[1]!);
  if (/useTranslations\(\s*\)/.test(source)) {
    for (const m of source.matchAll(/["'`]([A-Za-z]+)\.[A-Za-z.$]/g)) if (m[1]! in messages) namespaces.push(m[1]!);
  }
  return { namespaces, unknowable: [...source.matchAll(/\bt\(\s*`\$\{[^`]*`/g)].map((m) => m[0]) };
}

describe("client messages", () => {
  const files = [...clientFiles("app"), ...clientFiles("lib")];

  it("hold every namespace a client component reads", () => {
    expect(files.length).toBeGreaterThan(10);
    const read = new Set(files.flatMap((file) => namespacesOf(readFileSync(file, "utf8")).namespaces));
    expect([...read].filter((ns) => !(CLIENT_NAMESPACES as readonly string[]).includes(ns))).toEqual([]);
    for (const ns of CLIENT_NAMESPACES) expect(clientMessages[ns], ns).toEqual(messages[ns]);
  });

  it("can be checked: no client file reads a key whose namespace is only known at run time", () => {
    const unknowable = files.flatMap((file) =>
      namespacesOf(readFileSync(file, "utf8")).unknowable.map((key) => `${file}: t(${key})`),
    );
    expect(unknowable).toEqual([]);
  });
});
