import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requirePermission, requireStaff } from "@/lib/auth/actor";
import { getCaseOptions } from "@/lib/data/case-list";
import { EventForm } from "../event-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("events"))("newTitle") };
}

export default async function NewEventPage(props: { searchParams: Promise<{ caseId?: string }> }) {
  const actor = await requireStaff();
  await requirePermission(actor, "case.write", "page.event_new");
  const caseId = z.uuid().safeParse((await props.searchParams).caseId);
  const participants = caseId.success ? await getCaseOptions(actor, [caseId.data]) : [];
  const t = await getTranslations("events");
  return (
    <>
      <h1>{t("newTitle")}</h1>
      <div className="card">
        <EventForm participants={participants} />
      </div>
    </>
  );
}
