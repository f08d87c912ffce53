import { getRequestConfig } from "next-intl/server";
import messages from "./messages/en.json";

// One locale for now; a Korean catalogue (ko.json) can be added without touching components.
export default getRequestConfig(async () => ({ locale: "en", messages, timeZone: "UTC" }));
