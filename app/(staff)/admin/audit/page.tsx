import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/actor";
import { AUDIT_EXPORT_LIMIT, listAuditEntries } from "@/lib/data/audit-log";
import { AccessDeniedError } from "@/lib/data/errors";
import { parseAuditFilters } from "@/lib/validation/audit";
import { AuditFilterForm } from "./audit-filters";
import { AuditTable } from "./audit-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

/** The audit trail for administrators (DESIGN.md §5): filters in the URL, keyset pages by (time, id). */
export default async function AuditPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireStaff();
  const filters = parseAuditFilters(await props.searchParams);
  const page = await listAuditEntries(actor, filters).catch((error: unknown) => {
    if (error instanceof AccessDeniedError) notFound();
    throw error;
  });
  const t = await getTranslations("audit");
  const params = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "after"),
  );
  const older = (after: string) => `/admin/audit?${new URLSearchParams([...params, ["after", after]])}`;
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <div className="filter-actions">
          <a href={`/api/v1/audit/export?${params}`} download aria-describedby="audit-export-hint">
            {t("export")}
          </a>
        </div>
      </div>
      <p className="muted">{t("intro")}</p>
      <p id="audit-export-hint" className="muted">
        {t("exportHint", { limit: AUDIT_EXPORT_LIMIT })}
      </p>
      <AuditFilterForm filters={filters} />
      <AuditTable entries={page.entries} />
      <nav className="pager" aria-label={t("pages")}>
        {filters.after && <Link href={`/admin/audit?${params}`}>{t("newest")}</Link>}
        {page.nextAfter && <Link href={older(page.nextAfter)}>{t("nextPage")}</Link>}
      </nav>
    </>
  );
}
