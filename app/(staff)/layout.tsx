import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { requireStaff } from "@/lib/auth/actor";
import { can } from "@/lib/domain/policy";

// Each page checks the actor again itself: layouts are not re-rendered on every navigation.
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireStaff();
  const t = await getTranslations("nav");
  const links = [
    { href: "/", label: t("home") },
    { href: "/cases", label: t("cases") },
    { href: "/events", label: t("events") },
    { href: "/sources", label: t("sources") },
    { href: "/stats", label: t("stats") },
  ];
  if (can(actor.role, "case.write")) links.push({ href: "/import", label: t("import") });
  if (can(actor.role, "share.manage")) links.push({ href: "/shares", label: t("shares") });
  if (can(actor.role, "user.manage")) links.push({ href: "/admin/users", label: t("users") });
  if (can(actor.role, "organisation.manage")) {
    links.push({ href: "/admin/organisations", label: t("organisations") });
  }
  if (can(actor.role, "audit.read")) links.push({ href: "/admin/audit", label: t("audit") });
  return (
    <AppShell actor={actor} links={links}>
      {children}
    </AppShell>
  );
}
