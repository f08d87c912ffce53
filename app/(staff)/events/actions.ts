"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { searchCaseOptions } from "@/lib/data/case-list";
import { createEvent, deleteEvent, updateEvent } from "@/lib/data/event-mutations";
import { eventDeleteSchema, eventSchema, eventUpdateSchema } from "@/lib/validation/event";

export const createEventAction = defineAction({
  name: "event.create",
  permission: "case.write",
  schema: eventSchema,
  run: (actor, input) => createEvent(actor, input),
});

export const updateEventAction = defineAction({
  name: "event.update",
  permission: "case.write",
  schema: eventUpdateSchema,
  run: async (actor, input) => {
    const result = await updateEvent(actor, input);
    revalidatePath(`/events/${input.id}`);
    return result;
  },
});

export const deleteEventAction = defineAction({
  name: "event.delete",
  permission: "case.delete",
  schema: eventDeleteSchema,
  run: (actor, input) => deleteEvent(actor, input),
});

export const searchCasesAction = defineAction({
  name: "case.search",
  permission: "case.write",
  schema: z.object({ q: z.string().trim().min(1).max(100) }),
  run: (actor, input) => searchCaseOptions(actor, input.q),
});
