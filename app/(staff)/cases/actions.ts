"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import { mergeCases } from "@/lib/data/case-merge";
import { createCase, deleteCase, restoreCase, updateCase } from "@/lib/data/case-mutations";

export const createCaseAction = defineAction("createCaseAction", {
  name: "case.create",
  permission: "case.write",
  run: (actor, input) => createCase(actor, input),
});

export const updateCaseAction = defineAction("updateCaseAction", {
  name: "case.update",
  permission: "case.write",
  run: async (actor, input) => {
    const result = await updateCase(actor, input);
    revalidatePath(`/cases/${input.id}`);
    return result;
  },
});

export const deleteCaseAction = defineAction("deleteCaseAction", {
  name: "case.delete",
  permission: "case.delete",
  run: async (actor, input) => {
    await deleteCase(actor, input);
    revalidatePath(`/cases/${input.id}`);
  },
});

export const restoreCaseAction = defineAction("restoreCaseAction", {
  name: "case.restore",
  permission: "case.restore",
  run: async (actor, input) => {
    await restoreCase(actor, input);
    revalidatePath(`/cases/${input.id}`);
  },
});

export const mergeCasesAction = defineAction("mergeCasesAction", {
  name: "case.merge",
  permission: "case.merge",
  run: async (actor, input) => {
    await mergeCases(actor, input);
    revalidatePath(`/cases/${input.survivorId}`);
  },
});
