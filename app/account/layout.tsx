import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { ClientMessages } from "@/app/_components/client-messages";
import { requireAccountActor } from "@/lib/auth/actor";

// Staff and partners alike manage their own account here, and a user who must still enrol in
// two-factor is let in (nowhere else). Each page checks the actor again itself.
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requireAccountActor();
  const t = await getTranslations("nav");
  const home =
    actor.role === "PARTNER" ? { href: "/partner", label: t("partnerHome") } : { href: "/", label: t("home") };
  return (
    <AppShell actor={actor} links={[home]}>
      <ClientMessages scope="account">{children}</ClientMessages>
    </AppShell>
  );
}
