import "server-only";
import { z } from "zod";
import type { Reliability, SourceKind } from "@/lib/domain/enums";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A source as sources.ts reads it and source-mutations.ts writes it (see `sourceSelect`). */
export interface SourceDto {
  id: string;
  kind: SourceKind;
  title: string;
  publisher: string | null;
  url: string | null;
  /** YYYY-MM-DD. */
  publishedOn: string | null;
  reliability: Reliability;
  confidential: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const sourceSelect = {
  id: true,
  kind: true,
  title: true,
  publisher: true,
  url: true,
  publishedOn: true,
  reliability: true,
  confidential: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

type SourceRow = Prisma.SourceGetPayload<{ select: typeof sourceSelect }>;

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
export const isUuid = (value: string) => z.uuid().safeParse(value).success;

export function toDto(row: SourceRow): SourceDto {
  return {
    ...row,
    publishedOn: row.publishedOn ? isoDay(row.publishedOn) : null,
    reliability: row.reliability as Reliability,
  };
}
