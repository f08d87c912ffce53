import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePermission, requireStaff } from "@/lib/auth/actor";
import { CaseForm } from "../case-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cases"))("newTitle") };
}

export default async function NewCasePage() {
  const actor = await requireStaff();
  await requirePermission(actor, "case.write", "page.case_new");
  const t = await getTranslations("cases");
  return (
    <>
      <h1>{t("newTitle")}</h1>
      <div className="card">
        <CaseForm />
      </div>
    </>
  );
}
