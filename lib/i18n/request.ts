import { getRequestConfig } from "next-intl/server";
import { messages } from "./messages";

// One locale for now; a Korean catalogue can be added without touching components.
export default getRequestConfig(async () => ({ locale: "en", messages, timeZone: "UTC" }));
