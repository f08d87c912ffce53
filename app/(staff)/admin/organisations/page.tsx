import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission, requireStaff } from "@/lib/auth/actor";
import { listOrganisations } from "@/lib/data/organisations";
import { OrganisationNameForm } from "./organisation-name-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organisations"))("title") };
}

export default async function OrganisationsPage() {
  const actor = await requireStaff();
  await requirePermission(actor, "organisation.manage", "organisation.list");
  const organisations = await listOrganisations(actor);
  const t = await getTranslations("organisations");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {organisations.length === 0 ? (
        <p className="card">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{t("tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("users")}</th>
                <th scope="col">{t("grantsInForce")}</th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((organisation) => (
                <tr key={organisation.id} data-testid={`organisation-row-${organisation.id}`}>
                  <td>
                    <Link prefetch={false} href={`/admin/organisations/${organisation.id}`}>
                      {organisation.name}
                    </Link>
                  </td>
                  <td>
                    <span className={organisation.active ? "badge" : "badge inactive"}>
                      {organisation.active ? t("active") : t("inactive")}
                    </span>
                  </td>
                  <td>{organisation.userCount}</td>
                  <td>{organisation.grantsInForce}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" aria-labelledby="new-organisation">
        <h2 id="new-organisation">{t("createTitle")}</h2>
        <OrganisationNameForm />
      </section>
    </>
  );
}
