import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/actor";
import { AccessDeniedError } from "@/lib/data/errors";
import { listOrganisations } from "@/lib/data/organisations";
import { listTwoFactorRequirements } from "@/lib/data/two-factor-admin";
import { listUsers } from "@/lib/data/users";
import { TwoFactorRequirementsForm } from "./two-factor-controls";
import { UserCreateForm } from "./user-create-form";
import { UserRowActions } from "./user-row-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function UsersPage(props: { searchParams: Promise<{ after?: string }> }) {
  const actor = await requireStaff();
  const { after } = await props.searchParams;
  const data = await Promise.all([
    listUsers(actor, { after: typeof after === "string" ? after : undefined }),
    listOrganisations(actor),
    listTwoFactorRequirements(actor),
  ]).catch((error: unknown) => {
    if (error instanceof AccessDeniedError) notFound();
    throw error;
  });
  const [{ users, nextAfter }, allOrganisations, twoFactorRequirements] = data;
  // A partner account in a deactivated organisation could never sign in: only active ones are offered.
  const organisations = allOrganisations.filter((organisation) => organisation.active);
  const t = await getTranslations();
  return (
    <>
      <h1>{t("users.title")}</h1>
      <p className="muted">{t("users.intro")}</p>
      <div className="table-wrap">
        <table>
          <caption>{t("users.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("users.name")}</th>
              <th scope="col">{t("users.email")}</th>
              <th scope="col">{t("users.role")}</th>
              <th scope="col">{t("users.status")}</th>
              <th scope="col">{t("users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-testid={`user-row-${user.email}`}>
                <td>
                  {user.name} {user.id === actor.id && <span className="muted">{t("users.you")}</span>}
                </td>
                <td>{user.email}</td>
                <td>
                  {t(`roles.${user.role}`)}
                  {user.organisation && <div className="muted">{user.organisation.name}</div>}
                </td>
                <td>
                  <span className={user.active ? "badge" : "badge inactive"}>
                    {user.active ? t("users.active") : t("users.inactive")}
                  </span>
                </td>
                <td>
                  <UserRowActions user={user} organisations={organisations} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextAfter && (
        <p>
          <Link href={`/admin/users?after=${encodeURIComponent(nextAfter)}`}>{t("users.nextPage")}</Link>
        </p>
      )}
      <section className="card" aria-labelledby="two-factor-roles">
        <h2 id="two-factor-roles">{t("users.twoFactorTitle")}</h2>
        <TwoFactorRequirementsForm current={twoFactorRequirements} />
      </section>
      <section className="card" aria-labelledby="new-user">
        <h2 id="new-user">{t("users.createTitle")}</h2>
        <UserCreateForm organisations={organisations} />
      </section>
    </>
  );
}
