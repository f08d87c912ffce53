/** A moment as `YYYY-MM-DD HH:MM:SS` in UTC, machine-readable in `dateTime`. */
export function UtcTime({ at }: { at: Date }) {
  const iso = at.toISOString();
  return <time dateTime={iso}>{iso.replace("T", " ").slice(0, 19)}</time>;
}
