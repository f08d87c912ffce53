import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePartner } from "@/lib/auth/actor";
import { getOwnOrganisation } from "@/lib/data/organisations";
import { listSharedCases } from "@/lib/data/partner-cases";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("partner"))("title") };
}

/** The organisation's shared cases in force, each under its share reference. */
export default async function PartnerHomePage(props: { searchParams: Promise<{ after?: string | string[] }> }) {
  const actor = await requirePartner();
  const after = (await props.searchParams).after;
  const [organisation, page] = await Promise.all([
    getOwnOrganisation(actor),
    listSharedCases(actor, { after: typeof after === "string" ? after : undefined }),
  ]);
  const t = await getTranslations();
  return (
    <>
      <h1>{t("partner.title")}</h1>
      <p className="muted">{t("partner.intro", { organisation: organisation?.name ?? "" })}</p>
      {page.rows.length === 0 ? (
        <div className="card">
          <p>{t("partner.empty")}</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table data-testid="shared-cases">
            <caption className="visually-hidden">{t("partner.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("shares.shareRef")}</th>
                <th scope="col">{t("cases.status")}</th>
                <th scope="col">{t("cases.sex")}</th>
                <th scope="col">{t("cases.ageGroup")}</th>
                <th scope="col">{t("shares.profile")}</th>
                <th scope="col">{t("partner.sharedUntil")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.shareRef}>
                  <td>
                    <Link prefetch={false} href={`/partner/cases/${row.shareRef}`}>
                      <code>{row.shareRef}</code>
                    </Link>
                  </td>
                  <td>{t(`statuses.${row.status}`)}</td>
                  <td>{t(`sexes.${row.sex}`)}</td>
                  <td>{t(`ageGroups.${row.ageGroup}`)}</td>
                  <td>{t(`shares.profiles.${row.profile}`)}</td>
                  <td>{row.expiresOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("partner.title")}>
        {typeof after === "string" && <Link href="/partner">{t("shares.firstPage")}</Link>}
        {page.next && <Link href={`/partner?after=${page.next}`}>{t("shares.nextPage")}</Link>}
      </nav>
    </>
  );
}
