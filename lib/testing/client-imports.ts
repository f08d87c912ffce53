import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// A static reading of the app's import graph, for lib/i18n/client-messages.test.ts: which client
// components ("use client" files) each page can render, and which message namespaces they read.

const ROOT = path.resolve(__dirname, "../..");
const EXTENSIONS = ["", ".tsx", ".ts", "/index.tsx", "/index.ts"];

const source = (file: string) => readFileSync(file, "utf8");

export const isClientFile = (file: string) => /^\s*["']use client["']/.test(source(file));

/** The project files a module imports (packages and JSON are left out). */
function importsOf(file: string): string[] {
  const specifiers = [
    ...source(file).matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']/g),
    ...source(file).matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g),
    ...source(file).matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers.flatMap((specifier) => {
    const base = specifier.startsWith("@/")
      ? path.join(ROOT, specifier.slice(2))
      : specifier.startsWith(".")
        ? path.resolve(path.dirname(file), specifier)
        : null;
    const found = base && EXTENSIONS.map((ext) => base + ext).find((f) => existsSync(f) && statSync(f).isFile());
    return found && /\.tsx?$/.test(found) ? [found] : [];
  });
}

/**
 * Every module that runs in the browser among those reachable from `entry` through imports: the
 * "use client" files, and whatever they import in turn (without the directive of its own).
 */
export function clientFilesReachedFrom(entry: string): string[] {
  const seen = new Map<string, boolean>(); // file → reached inside the client boundary
  const stack: [string, boolean][] = [[path.resolve(entry), false]];
  while (stack.length > 0) {
    const [file, inherited] = stack.pop()!;
    const client = inherited || isClientFile(file);
    if (seen.get(file) === true || (seen.has(file) && !client)) continue;
    seen.set(file, client);
    for (const imported of importsOf(file)) stack.push([imported, client]);
  }
  return [...seen].filter(([, client]) => client).map(([file]) => file);
}

/**
 * The message namespaces a client file reads: `useTranslations("ns")`, and with `useTranslations()`
 * every "ns.key" literal in the file (keys are chosen by conditions, so every literal counts). A key
 * that begins with an interpolation cannot be checked.
 */
export function namespacesOf(
  file: string,
  known: Record<string, unknown>,
): { namespaces: string[]; unknowable: string[] } {
  const text = source(file);
  const namespaces = [...text.matchAll(/useTranslations\(\s*["'`]([A-Za-z]+)/g)].map((m) => m[1]!);
  if (/useTranslations\(\s*\)/.test(text)) {
    for (const m of text.matchAll(/["'`]([A-Za-z]+)\.[A-Za-z.$]/g)) if (m[1]! in known) namespaces.push(m[1]!);
  }
  return {
    namespaces: [...new Set(namespaces)],
    unknowable: [...text.matchAll(/\bt\(\s*`\$\{[^`]*`/g)].map((m) => m[0]),
  };
}
