import { getTranslations } from "next-intl/server";
import { requirePartner } from "@/lib/auth/actor";
import { getOwnOrganisation } from "@/lib/data/organisations";

export default async function PartnerHomePage() {
  const actor = await requirePartner();
  const organisation = await getOwnOrganisation(actor);
  const t = await getTranslations("partner");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro", { organisation: organisation?.name ?? "" })}</p>
      <div className="card">
        <p>{t("empty")}</p>
      </div>
    </>
  );
}
