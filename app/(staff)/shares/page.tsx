import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterSelect } from "@/app/_components/filters";
import { requirePermission, requireStaff } from "@/lib/auth/actor";
import { listShares } from "@/lib/data/share-list";
import { listShareableOrganisations } from "@/lib/data/shares";
import { SHARE_PROFILE, SHARE_STATUS } from "@/lib/domain/share";
import { shareListSchema } from "@/lib/validation/share";
import { ShareTable } from "./share-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("shares"))("title") };
}

/** Every share grant with its status (active, expired, revoked), filtered in the URL. */
export default async function SharesPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireStaff();
  await requirePermission(actor, "share.manage", "share.list");
  const raw = await props.searchParams;
  const filters = shareListSchema.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined])),
  );
  const [page, organisations] = await Promise.all([listShares(actor, filters), listShareableOrganisations(actor)]);
  const t = await getTranslations();
  const params = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === "string" && e[0] !== "after"),
  );
  return (
    <>
      <h1>{t("shares.title")}</h1>
      <p className="muted">{t("shares.intro")}</p>
      <form method="get" className="filters" aria-label={t("shares.filters")}>
        <FilterSelect
          name="organisationId"
          label={t("shares.organisation")}
          value={filters.organisationId}
          any={t("shares.any")}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <FilterSelect
          name="status"
          label={t("shares.status")}
          value={filters.status}
          any={t("shares.any")}
          options={SHARE_STATUS.map((s) => ({ value: s, label: t(`shares.statuses.${s}`) }))}
        />
        <FilterSelect
          name="profile"
          label={t("shares.profile")}
          value={filters.profile}
          any={t("shares.any")}
          options={SHARE_PROFILE.map((p) => ({ value: p, label: t(`shares.profiles.${p}`) }))}
        />
        <div className="filter-actions">
          <button type="submit">{t("shares.apply")}</button>
          <Link href="/shares">{t("shares.clear")}</Link>
        </div>
      </form>
      <ShareTable rows={page.rows} caption={t("shares.title")} showCase />
      <nav className="pager" aria-label={t("shares.title")}>
        {filters.after && <Link href={`/shares?${params}`}>{t("shares.firstPage")}</Link>}
        {page.next && (
          <Link href={`/shares?${new URLSearchParams([...params, ["after", page.next]])}`}>{t("shares.nextPage")}</Link>
        )}
      </nav>
    </>
  );
}
