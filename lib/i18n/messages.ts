import account from "./messages/en/account.json";
import audit from "./messages/en/audit.json";
import cases from "./messages/en/cases.json";
import core from "./messages/en/core.json";
import events from "./messages/en/events.json";
import importMessages from "./messages/en/import.json";
import shares from "./messages/en/shares.json";
import organisations from "./messages/en/organisations.json";
import sources from "./messages/en/sources.json";
import stats from "./messages/en/stats.json";

// The English catalogue, one file per feature so that features can be worked on side by side.
// Files may share a namespace (e.g. each adds its own keys under "validation"): they are merged.
// A Korean catalogue is added as messages/ko/*.json with the same keys.

type Tree = { [key: string]: string | Tree };

function merge(target: Tree, source: Tree): Tree {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === "object" && typeof existing === "object") merge(existing, value);
    else if (existing !== undefined) throw new Error(`Message key ${key} is defined twice`);
    else target[key] = typeof value === "object" ? merge({}, value) : value;
  }
  return target;
}

export const messages = [
  core,
  account,
  cases,
  events,
  sources,
  importMessages,
  stats,
  audit,
  organisations,
  shares,
].reduce<Tree>((all, file) => merge(all, file as Tree), {});
