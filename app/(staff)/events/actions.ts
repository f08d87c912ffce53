"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import { searchCaseOptions } from "@/lib/data/case-list";
import { createEvent, deleteEvent, updateEvent } from "@/lib/data/event-mutations";

export const createEventAction = defineAction("createEventAction", {
  name: "event.create",
  permission: "case.write",
  run: (actor, input) => createEvent(actor, input),
});

export const updateEventAction = defineAction("updateEventAction", {
  name: "event.update",
  permission: "case.write",
  run: async (actor, input) => {
    const result = await updateEvent(actor, input);
    revalidatePath(`/events/${input.id}`);
    return result;
  },
});

export const deleteEventAction = defineAction("deleteEventAction", {
  name: "event.delete",
  permission: "case.delete",
  run: (actor, input) => deleteEvent(actor, input),
});

export const searchCasesAction = defineAction("searchCasesAction", {
  name: "case.search",
  permission: "case.write",
  run: (actor, input) => searchCaseOptions(actor, input.q),
});
