import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePermission, requireStaff } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/data/errors";
import { listOrganisationActivity } from "@/lib/data/organisation-activity";
import { getOrganisation } from "@/lib/data/organisations";
import { activityCursorSchema } from "@/lib/validation/organisation";
import { ActivityTable } from "./activity-table";
import { OrganisationNameForm } from "../organisation-name-form";
import { OrganisationStatusActions } from "./organisation-status-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organisations"))("title") };
}

export default async function OrganisationPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ after?: string | string[] }>;
}) {
  const actor = await requireStaff();
  await requirePermission(actor, "organisation.manage", "organisation.read");
  const { id } = await props.params;
  const after = activityCursorSchema.parse((await props.searchParams).after);
  const [organisation, activity] = await Promise.all([
    getOrganisation(actor, id),
    listOrganisationActivity(actor, { organisationId: id, after }),
  ]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const t = await getTranslations("organisations");
  const here = `/admin/organisations/${organisation.id}`;
  return (
    <>
      <p>
        <Link href="/admin/organisations">{t("back")}</Link>
      </p>
      <div className="page-head">
        <h1>{organisation.name}</h1>
        <span className={organisation.active ? "badge" : "badge inactive"} data-testid="organisation-status">
          {organisation.active ? t("active") : t("inactive")}
        </span>
      </div>
      <p className="muted">{t("summary", { users: organisation.userCount, grants: organisation.grantsInForce })}</p>
      <section className="card" aria-labelledby="access">
        <h2 id="access">{t("accessTitle")}</h2>
        <p>{organisation.active ? t("activeExplanation") : t("inactiveExplanation")}</p>
        <OrganisationStatusActions organisation={organisation} />
      </section>
      <section className="card" aria-labelledby="rename">
        <h2 id="rename">{t("renameTitle")}</h2>
        <OrganisationNameForm organisation={organisation} />
      </section>
      <section aria-labelledby="organisation-users">
        <h2 id="organisation-users">{t("usersTitle")}</h2>
        {organisation.users.length === 0 ? (
          <p className="muted">{t("noUsers")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption>{t("usersCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("name")}</th>
                  <th scope="col">{t("email")}</th>
                  <th scope="col">{t("status")}</th>
                </tr>
              </thead>
              <tbody>
                {organisation.users.map((user) => (
                  <tr key={user.id}>
                    <td>{user.name}</td>
                    <td>{user.email}</td>
                    <td>{user.active ? t("active") : t("inactive")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <Link href="/admin/users">{t("manageUsers")}</Link>
        </p>
      </section>
      <section aria-labelledby="activity">
        <h2 id="activity">{t("activityTitle")}</h2>
        <p className="muted">{t("activityIntro")}</p>
        <ActivityTable entries={activity.entries} />
        <nav className="pager" aria-label={t("activityPages")}>
          {after && <Link href={here}>{t("newest")}</Link>}
          {activity.nextAfter && <Link href={`${here}?after=${activity.nextAfter}`}>{t("older")}</Link>}
        </nav>
      </section>
    </>
  );
}
