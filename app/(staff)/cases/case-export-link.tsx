import { getTranslations } from "next-intl/server";
import { CASE_EXPORT_LIMIT, type CaseCount } from "@/lib/data/case-list";

/**
 * The download of the cases the filters select, once they are counted: a selection over
 * CASE_EXPORT_LIMIT (which the export refuses) says so instead, and so does no match at all.
 */
export async function CaseExportLink({ count, href }: { count: Promise<CaseCount>; href: string }) {
  const t = await getTranslations("cases");
  const total = await count.then(
    ({ total, totalCapped }) => (totalCapped ? Infinity : total),
    () => null,
  );
  if (total === null || total === 0) return null;
  if (total > CASE_EXPORT_LIMIT) return <span className="muted">{t("exportTooMany", { max: CASE_EXPORT_LIMIT })}</span>;
  // A download, not a page: a plain link, which Next does not prefetch.
  return (
    <a href={href} download>
      {t("exportCsv", { count: total })}
    </a>
  );
}
