import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/domain/actor";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

/** The frame around every signed-in page: navigation chosen by the caller, and who is signed in. */
export async function AppShell(props: {
  actor: Actor;
  links: { href: string; label: string }[];
  children: React.ReactNode;
}) {
  const t = await getTranslations();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="sidebar">
        <div className="brand">{t("app.name")}</div>
        <NavLinks links={props.links} label={t("nav.label")} />
        <div className="who">
          <strong data-testid="current-user">{props.actor.name}</strong>
          <span data-testid="current-role">{t(`roles.${props.actor.role}`)}</span>
          <Link href="/account" prefetch={false}>
            {t("account.nav")}
          </Link>
          <SignOutButton label={t("nav.signOut")} />
        </div>
      </header>
      <main className="main" id="main">
        {props.children}
      </main>
    </div>
  );
}
