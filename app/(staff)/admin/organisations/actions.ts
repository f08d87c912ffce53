"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import {
  createOrganisation,
  deactivateOrganisation,
  reactivateOrganisation,
  renameOrganisation,
} from "@/lib/data/organisations";

function refresh(organisationId?: string) {
  revalidatePath("/admin/organisations");
  if (organisationId) revalidatePath(`/admin/organisations/${organisationId}`);
}

export const createOrganisationAction = defineAction("createOrganisationAction", {
  name: "organisation.create",
  permission: "organisation.manage",
  run: async (actor, input) => {
    const organisation = await createOrganisation(actor, input);
    refresh();
    return { id: organisation.id, name: organisation.name };
  },
});

export const renameOrganisationAction = defineAction("renameOrganisationAction", {
  name: "organisation.rename",
  permission: "organisation.manage",
  run: async (actor, input) => {
    const organisation = await renameOrganisation(actor, input);
    refresh(organisation.id);
    return { name: organisation.name };
  },
});

export const deactivateOrganisationAction = defineAction("deactivateOrganisationAction", {
  name: "organisation.deactivate",
  permission: "organisation.manage",
  run: async (actor, input) => {
    const result = await deactivateOrganisation(actor, input);
    refresh(input.organisationId);
    return result;
  },
});

export const reactivateOrganisationAction = defineAction("reactivateOrganisationAction", {
  name: "organisation.reactivate",
  permission: "organisation.manage",
  run: async (actor, input) => {
    await reactivateOrganisation(actor, input);
    refresh(input.organisationId);
  },
});
