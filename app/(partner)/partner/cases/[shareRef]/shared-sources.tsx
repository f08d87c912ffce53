import { getTranslations } from "next-intl/server";
import type { SharedSource } from "@/lib/data/partner-cases";
import { isHttpUrl } from "@/lib/validation/source";

/** The public sources of one event (DETAILED profile): confidential ones never reach this far. */
export async function SharedSources({ sources }: { sources: SharedSource[] }) {
  const t = await getTranslations();
  if (sources.length === 0) return null;
  return (
    <ul className="muted" aria-label={t("partner.sources")}>
      {sources.map((source, i) => (
        <li key={i}>
          {t(`sources.kinds.${source.kind}`)}:{" "}
          {source.url && isHttpUrl(source.url) ? (
            <a href={source.url} target="_blank" rel="noreferrer noopener">
              {source.title}
            </a>
          ) : (
            source.title
          )}
          {source.publisher && <>, {source.publisher}</>}
          {source.published && <>, {source.published}</>} ({source.reliability}
          {source.credibility})
        </li>
      ))}
    </ul>
  );
}
