import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission, requireStaff } from "@/lib/auth/actor";
import { listDuplicatePairs } from "@/lib/data/case-duplicates";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cases"))("duplicatesTitle") };
}

/** The review list: likely pairs among recently updated cases, to open side by side and merge. */
export default async function DuplicatesPage() {
  const actor = await requireStaff();
  await requirePermission(actor, "case.merge", "page.case_duplicates");
  const pairs = await listDuplicatePairs(actor);
  const t = await getTranslations("cases");
  return (
    <>
      <h1>{t("duplicatesTitle")}</h1>
      <p className="muted">{t("duplicatesIntro")}</p>
      {pairs.length === 0 ? (
        <p>{t("noDuplicates")}</p>
      ) : (
        <ul>
          {pairs.map(({ a, b }) => (
            <li key={`${a.id}-${b.id}`}>
              <Link prefetch={false} href={`/cases/${a.id}`}>
                {a.ref}
              </Link>{" "}
              {a.fullName} ·{" "}
              <Link prefetch={false} href={`/cases/${b.id}`}>
                {b.ref}
              </Link>{" "}
              {b.fullName} · <span className="muted">{t("duplicateScore", { score: b.nameScore.toFixed(2) })}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
