import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listShares } from "@/lib/data/share-list";
import { listShareableOrganisations } from "@/lib/data/shares";
import type { Actor } from "@/lib/domain/actor";
import { ShareForm } from "../../shares/share-form";
import { ShareTable } from "../../shares/share-table";

/** The case's grants, and a form to share it; without recorded consent the form says why it is missing. */
export async function CaseSharing(props: { actor: Actor; caseId: string; consent: boolean; live: boolean }) {
  const t = await getTranslations();
  const [shares, organisations] = await Promise.all([
    listShares(props.actor, { caseId: props.caseId }),
    props.live && props.consent ? listShareableOrganisations(props.actor) : [],
  ]);
  return (
    <section className="card" aria-labelledby="case-sharing">
      <h2 id="case-sharing">{t("shares.caseTitle")}</h2>
      {props.live && !props.consent && (
        <p className="alert info" data-testid="share-needs-consent">
          {t("shares.needsConsent")}
        </p>
      )}
      {props.live && props.consent && (
        <ShareForm id="case-share" organisations={organisations} caseIds={[props.caseId]} />
      )}
      <h3>{t("shares.caseGrants")}</h3>
      <ShareTable rows={shares.rows} caption={t("shares.caseGrants")} showCase={false} />
      {shares.next && <Link href="/shares">{t("shares.allShares")}</Link>}
    </section>
  );
}
