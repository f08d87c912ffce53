import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { requirePartner } from "@/lib/auth/actor";

export default async function PartnerLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePartner();
  const t = await getTranslations("nav");
  return (
    <AppShell
      actor={actor}
      links={[
        { href: "/partner", label: t("partnerHome") },
        { href: "/partner/stats", label: t("partnerStats") },
      ]}
    >
      {children}
    </AppShell>
  );
}
