import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission, requireStaff } from "@/lib/auth/actor";
import { listDuplicatePairs } from "@/lib/data/case-duplicates";
import { pageCursor } from "@/lib/validation/fields";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cases"))("duplicatesTitle") };
}

/**
 * The review list: likely pairs for a window of recently updated cases, to open side by side and
 * merge, and a link to the window of cases updated before them.
 */
export default async function DuplicatesPage(props: { searchParams: Promise<{ after?: string | string[] }> }) {
  const actor = await requireStaff();
  await requirePermission(actor, "case.merge", "page.case_duplicates");
  const after = pageCursor.parse((await props.searchParams).after);
  const page = await listDuplicatePairs(actor, { after });
  const t = await getTranslations("cases");
  return (
    <>
      <h1>{t("duplicatesTitle")}</h1>
      <p className="muted">{t("duplicatesIntro")}</p>
      {page.checked > 0 && (
        <p>{t(page.continued ? "duplicatesWindowEarlier" : "duplicatesWindow", { count: page.checked })}</p>
      )}
      {page.checked === 0 ? (
        <p>{t("noEarlierCases")}</p>
      ) : page.pairs.length === 0 ? (
        <p>{t("noDuplicatesInWindow")}</p>
      ) : (
        <ul>
          {page.pairs.map(({ a, b }) => (
            <li key={`${a.id}-${b.id}`}>
              <Link prefetch={false} href={`/cases/${a.id}`}>
                {a.ref}
              </Link>{" "}
              {a.fullName} ·{" "}
              <Link prefetch={false} href={`/cases/${b.id}`}>
                {b.ref}
              </Link>{" "}
              {b.fullName}
              {b.matchedAlias && <> {t("matchedAlias", { alias: b.matchedAlias })}</>} ·{" "}
              <span className="muted">{t("duplicateScore", { score: b.nameScore.toFixed(2) })}</span>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label={t("duplicatesPages")} className="pager">
        {page.continued && <Link href="/cases/duplicates">{t("duplicatesLatest")}</Link>}{" "}
        {page.next && <Link href={`/cases/duplicates?after=${page.next}`}>{t("duplicatesEarlier")}</Link>}
      </nav>
    </>
  );
}
