"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { mergeCases } from "@/lib/data/case-merge";
import { createCase, deleteCase, restoreCase, updateCase } from "@/lib/data/case-mutations";
import { caseDeleteSchema, caseSchema, caseUpdateSchema } from "@/lib/validation/case";

export const createCaseAction = defineAction({
  name: "case.create",
  permission: "case.write",
  schema: caseSchema,
  run: (actor, input) => createCase(actor, input),
});

export const updateCaseAction = defineAction({
  name: "case.update",
  permission: "case.write",
  schema: caseUpdateSchema,
  run: async (actor, input) => {
    const result = await updateCase(actor, input);
    revalidatePath(`/cases/${input.id}`);
    return result;
  },
});

export const deleteCaseAction = defineAction({
  name: "case.delete",
  permission: "case.delete",
  schema: caseDeleteSchema,
  run: async (actor, input) => {
    await deleteCase(actor, input);
    revalidatePath(`/cases/${input.id}`);
  },
});

export const restoreCaseAction = defineAction({
  name: "case.restore",
  permission: "case.restore",
  schema: z.object({ id: z.uuid() }),
  run: async (actor, input) => {
    await restoreCase(actor, input);
    revalidatePath(`/cases/${input.id}`);
  },
});

export const mergeCasesAction = defineAction({
  name: "case.merge",
  permission: "case.merge",
  schema: z.object({
    survivorId: z.uuid(),
    duplicateId: z.uuid(),
    survivorVersion: z.number().int().min(1),
    duplicateVersion: z.number().int().min(1),
  }),
  run: async (actor, input) => {
    await mergeCases(actor, input);
    revalidatePath(`/cases/${input.survivorId}`);
  },
});
