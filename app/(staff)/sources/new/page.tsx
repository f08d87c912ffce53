import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/actor";
import { authorize } from "@/lib/data/authorize";
import { AccessDeniedError } from "@/lib/data/errors";
import { SourceForm } from "../source-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sources"))("newTitle") };
}

/** `?forEvent=<event id>`: opened from an event's attribution form, so go back there afterwards. */
export default async function NewSourcePage(props: { searchParams: Promise<{ forEvent?: string | string[] }> }) {
  const actor = await requireStaff();
  await authorize(actor, "case.write", { action: "source.create", entityType: "source" }).catch((error: unknown) => {
    if (error instanceof AccessDeniedError) notFound();
    throw error;
  });
  const { forEvent } = await props.searchParams;
  const eventId = z.uuid().safeParse(forEvent).data;
  const returnTo = eventId ? `/events/${eventId}` : undefined;
  const t = await getTranslations("sources");
  return (
    <>
      <p>
        <Link href={returnTo ?? "/sources"}>{returnTo ? t("backToEvent") : t("backToList")}</Link>
      </p>
      <h1>{t("newTitle")}</h1>
      <p className="muted">{t("newIntro")}</p>
      <section className="card">
        <SourceForm returnTo={returnTo} />
      </section>
    </>
  );
}
