import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/actor";
import { findDuplicateCandidates } from "@/lib/data/case-duplicates";
import { getCase } from "@/lib/data/cases";
import { NotFoundError } from "@/lib/data/errors";
import { listCaseTimeline } from "@/lib/data/events";
import { listRecordHistory } from "@/lib/data/history";
import { nkProvinceLabel } from "@/lib/domain/enums";
import { can } from "@/lib/domain/policy";
import { CaseForm } from "../case-form";
import { CaseDangerZone } from "./case-danger-zone";
import { CaseSharing } from "./case-sharing";
import { DuplicateCandidates } from "./duplicate-candidates";
import { EventTimeline } from "@/app/_components/event-timeline";
import { RecordHistory } from "@/app/_components/record-history";

export const metadata: Metadata = { title: "Case" };

export default async function CasePage(props: { params: Promise<{ id: string }> }) {
  const actor = await requireStaff();
  const id = z.uuid().safeParse((await props.params).id);
  if (!id.success) notFound();
  const record = await getCase(actor, id.data).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const live = !record.deletedAt && !record.mergedInto;
  const [timeline, history, duplicates] = await Promise.all([
    listCaseTimeline(actor, record.id),
    listRecordHistory(actor, { entityType: "case", entityId: record.id }),
    live && can(actor.role, "case.merge") ? findDuplicateCandidates(actor, record.id) : null,
  ]);
  const t = await getTranslations();
  const editable = can(actor.role, "case.write") && live;
  const yesNo = (flags: [boolean, string][]) =>
    flags
      .filter(([on]) => on)
      .map(([, label]) => label)
      .join(", ") || "—";
  return (
    <>
      <div className="page-head">
        <h1>
          {record.ref}{" "}
          <span className={`badge status-${record.status.toLowerCase()}`}>{t(`statuses.${record.status}`)}</span>
        </h1>
        {editable && (
          <Link className="button" href={`/events/new?caseId=${record.id}`}>
            {t("cases.addEvent")}
          </Link>
        )}
      </div>
      {record.mergedInto && (
        <p className="alert error">
          {t("cases.mergedInto")} <Link href={`/cases/${record.mergedInto.id}`}>{record.mergedInto.ref}</Link>
        </p>
      )}
      {record.deletedAt && (
        <p className="alert error">{t("cases.deleted", { date: record.deletedAt.toISOString().slice(0, 10) })}</p>
      )}
      <section className="card" aria-labelledby="case-facts">
        <h2 id="case-facts">{t("cases.details")}</h2>
        <dl className="facts">
          {record.identity ? (
            <>
              <dt>{t("cases.fullName")}</dt>
              <dd data-testid="case-name">{record.identity.fullName ?? "—"}</dd>
              <dt>{t("cases.aliases")}</dt>
              <dd>{record.identity.aliases.join(", ") || "—"}</dd>
            </>
          ) : (
            <>
              <dt>{t("cases.identity")}</dt>
              <dd className="muted">{t("cases.identityRedacted")}</dd>
            </>
          )}
          <dt>{t("cases.sex")}</dt>
          <dd>{t(`sexes.${record.sex}`)}</dd>
          <dt>{t("cases.ageGroup")}</dt>
          <dd>{t(`ageGroups.${record.ageGroup}`)}</dd>
          <dt>{t("cases.origin_label")}</dt>
          <dd>{record.originProvince ? (nkProvinceLabel(record.originProvince) ?? record.originProvince) : "—"}</dd>
          <dt>{t("cases.vulnerability")}</dt>
          <dd>
            {yesNo([
              [record.pregnant, t("cases.pregnant")],
              [record.medicalNeeds, t("cases.medicalNeeds")],
              [record.frail, t("cases.frail")],
            ])}
          </dd>
          <dt>{t("cases.consentToShare")}</dt>
          <dd>
            {record.consentToShare && record.consentRecordedAt
              ? t("cases.consentBy", {
                  name: record.consentRecordedBy ?? "—",
                  date: record.consentRecordedAt.toISOString().slice(0, 10),
                })
              : t("cases.noConsent")}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="case-timeline">
        <h2 id="case-timeline">{t("cases.timeline")}</h2>
        <EventTimeline events={timeline} empty={t("cases.noEvents")} />
      </section>
      {editable && record.identity && (
        <section className="card" aria-labelledby="case-edit">
          <h2 id="case-edit">{t("cases.edit")}</h2>
          <CaseForm
            id={record.id}
            version={record.version}
            initial={{
              ...record.identity,
              sex: record.sex,
              ageGroup: record.ageGroup,
              originProvince: record.originProvince as never,
              pregnant: record.pregnant,
              medicalNeeds: record.medicalNeeds,
              frail: record.frail,
              consentToShare: record.consentToShare,
            }}
          />
        </section>
      )}
      {can(actor.role, "share.manage") && (
        <CaseSharing actor={actor} caseId={record.id} consent={record.consentToShare} live={live} />
      )}
      {duplicates && (
        <section className="card" aria-labelledby="case-duplicates">
          <h2 id="case-duplicates">{t("cases.duplicates")}</h2>
          <p className="muted">{t("cases.duplicatesIntro")}</p>
          <DuplicateCandidates
            survivor={{ id: record.id, ref: record.ref, version: record.version }}
            candidates={duplicates}
          />
        </section>
      )}
      <section aria-labelledby="case-history">
        <h2 id="case-history">{t("cases.history")}</h2>
        <RecordHistory entries={history} empty={t("cases.noHistory")} />
      </section>
      <CaseDangerZone
        id={record.id}
        version={record.version}
        caseRef={record.ref}
        canDelete={can(actor.role, "case.delete") && !record.deletedAt}
        canRestore={can(actor.role, "case.restore") && Boolean(record.deletedAt)}
      />
    </>
  );
}
