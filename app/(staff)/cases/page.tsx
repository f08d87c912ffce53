import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/actor";
import { listCases } from "@/lib/data/case-list";
import { listShareableOrganisations } from "@/lib/data/shares";
import { can } from "@/lib/domain/policy";
import { caseListQuerySchema } from "@/lib/validation/case-list";
import { CaseCountText } from "./case-count";
import { CaseExportLink } from "./case-export-link";
import { CaseFilters } from "./case-filters";
import { ShareForm } from "../shares/share-form";
import { CaseTable } from "./case-table";

const SELECTION_FORM = "share-selection";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cases"))("title") };
}

export default async function CasesPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireStaff();
  const raw = await props.searchParams;
  const query = caseListQuerySchema.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])),
  );
  const sharing = can(actor.role, "share.manage");
  const [page, organisations] = await Promise.all([
    listCases(actor, query),
    sharing ? listShareableOrganisations(actor) : [],
  ]);
  const t = await getTranslations("cases");
  const params = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "after"),
  );
  const withCursor = (after: string) => `/cases?${new URLSearchParams([...params, ["after", after]])}`;
  return (
    <>
      <div className="page-head">
        <h1>{t("title")}</h1>
        <div className="filter-actions">
          {can(actor.role, "export.records") && (
            <Suspense fallback={null}>
              <CaseExportLink count={page.count} href={`/api/v1/cases/export?${params}`} />
            </Suspense>
          )}
          {can(actor.role, "case.merge") && <Link href="/cases/duplicates">{t("reviewDuplicates")}</Link>}
          {can(actor.role, "case.write") && (
            <Link className="button" href="/cases/new">
              {t("new")}
            </Link>
          )}
        </div>
      </div>
      <p className="muted">{t("intro")}</p>
      <CaseFilters query={query} identity={can(actor.role, "case.identity.read")} />
      <p role="status" data-testid="case-count">
        <Suspense fallback={t("counting")}>
          <CaseCountText count={page.count} />
        </Suspense>
      </p>
      <CaseTable
        rows={page.rows}
        identity={can(actor.role, "case.identity.read")}
        selectionFormId={sharing ? SELECTION_FORM : undefined}
      />
      <nav className="pager" aria-label={t("tableCaption")}>
        {query.after && <Link href={`/cases?${params}`}>{t("firstPage")}</Link>}
        {page.next && <Link href={withCursor(page.next)}>{t("nextPage")}</Link>}
      </nav>
      {sharing && (
        <details className="card">
          <summary>{t("shareSelected")}</summary>
          <ShareForm id={SELECTION_FORM} organisations={organisations} selectionFormId={SELECTION_FORM} />
        </details>
      )}
    </>
  );
}
