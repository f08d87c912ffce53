import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/actor";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/config";

export default async function HomePage() {
  const actor = await requireStaff();
  const t = await getTranslations();
  return (
    <>
      <h1>{t("home.title", { name: actor.name })}</h1>
      <div className="card">
        <p>{t("home.role", { role: t(`roles.${actor.role}`) })}</p>
        <p className="muted">{t("home.sessionNote", { hours: SESSION_MAX_AGE_SECONDS / 3600 })}</p>
      </div>
    </>
  );
}
