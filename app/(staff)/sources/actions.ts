"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import { addAttribution, removeAttribution, updateAttribution } from "@/lib/data/attributions";
import { createSource, deleteSource, updateSource } from "@/lib/data/source-mutations";

// Events' pages live at /events/[id] (built elsewhere); they show attributions, so they are revalidated too.

export const createSourceAction = defineAction("createSourceAction", {
  name: "source.create",
  permission: "case.write",
  run: async (actor, input) => {
    const source = await createSource(actor, input);
    revalidatePath("/sources");
    return { id: source.id };
  },
});

/** Answers the saved source; `error: "conflict"` carries the current one in `current`. */
export const updateSourceAction = defineAction("updateSourceAction", {
  name: "source.update",
  permission: "case.write",
  run: async (actor, input) => {
    const source = await updateSource(actor, input);
    revalidatePath("/sources");
    revalidatePath(`/sources/${source.id}`);
    return source;
  },
});

export const deleteSourceAction = defineAction("deleteSourceAction", {
  name: "source.delete",
  permission: "case.delete",
  run: async (actor, input) => {
    await deleteSource(actor, input);
    revalidatePath("/sources");
  },
});

export const addAttributionAction = defineAction("addAttributionAction", {
  name: "attribution.add",
  permission: "case.write",
  run: async (actor, input) => {
    const attribution = await addAttribution(actor, input);
    revalidatePath(`/events/${attribution.eventId}`);
    revalidatePath(`/sources/${attribution.source.id}`);
    return { id: attribution.id };
  },
});

export const updateAttributionAction = defineAction("updateAttributionAction", {
  name: "attribution.update",
  permission: "case.write",
  run: async (actor, input) => {
    const attribution = await updateAttribution(actor, input);
    revalidatePath(`/events/${attribution.eventId}`);
    revalidatePath(`/sources/${attribution.source.id}`);
    return attribution;
  },
});

export const removeAttributionAction = defineAction("removeAttributionAction", {
  name: "attribution.remove",
  permission: "case.write",
  run: async (actor, input) => {
    const { eventId, sourceId } = await removeAttribution(actor, input);
    revalidatePath(`/events/${eventId}`);
    revalidatePath(`/sources/${sourceId}`);
  },
});
