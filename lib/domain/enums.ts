/**
 * The controlled vocabularies of DESIGN.md §1, as `as const` tuples so that zod (`z.enum(SEX)`),
 * Prisma enums and select options can all be checked against one list.
 */

export const SEX = ["F", "M", "UNKNOWN"] as const;
export type Sex = (typeof SEX)[number];

/** INFANT < 1 year, CHILD < 18, ADULT, OLDER ≥ 60 (see `age-group.ts`). */
export const AGE_GROUP = ["INFANT", "CHILD", "ADULT", "OLDER", "UNKNOWN"] as const;
export type AgeGroup = (typeof AGE_GROUP)[number];

/** The order matters: it breaks ties between events when deriving a case's status. */
export const EVENT_TYPE = [
  "APPREHENSION",
  "DETENTION",
  "TRANSFER",
  "REPATRIATION",
  "RELEASE",
  "THIRD_COUNTRY_ARRIVAL",
  "DEATH",
  "OTHER",
] as const;
export type EventType = (typeof EVENT_TYPE)[number];

export const CASE_STATUS = ["IN_CUSTODY", "REPATRIATED", "AT_LARGE", "SAFE", "DECEASED", "UNKNOWN"] as const;
export type CaseStatus = (typeof CASE_STATUS)[number];

export const SOURCE_KIND = [
  "NGO_REPORT",
  "MEDIA",
  "UN",
  "GOVERNMENT",
  "FAMILY",
  "WITNESS",
  "ACTIVIST",
  "OTHER",
] as const;
export type SourceKind = (typeof SOURCE_KIND)[number];

/** Admiralty scale for a source: A completely reliable … E unreliable, F cannot be judged. */
export const RELIABILITY = ["A", "B", "C", "D", "E", "F"] as const;
export type Reliability = (typeof RELIABILITY)[number];

export const DATE_PRECISION = ["DAY", "MONTH", "YEAR", "RANGE"] as const;
export type DatePrecision = (typeof DATE_PRECISION)[number];

type Coded = { readonly code: string; readonly label: string };
type CodesOf<T extends readonly Coded[]> = { -readonly [K in keyof T]: T[K] extends { code: infer C } ? C : never };

function codesOf<const T extends readonly Coded[]>(list: T): Readonly<CodesOf<T>> {
  return list.map((entry) => entry.code) as unknown as CodesOf<T>;
}

/**
 * North Korea's provinces and directly governed / special cities, for a case's origin and for
 * events located in North Korea. Codes are stable (stored in the database); labels are English.
 */
export const NK_PROVINCES = [
  { code: "NORTH_HAMGYONG", label: "North Hamgyong" },
  { code: "SOUTH_HAMGYONG", label: "South Hamgyong" },
  { code: "RYANGGANG", label: "Ryanggang" },
  { code: "CHAGANG", label: "Chagang" },
  { code: "NORTH_PYONGAN", label: "North Pyongan" },
  { code: "SOUTH_PYONGAN", label: "South Pyongan" },
  { code: "NORTH_HWANGHAE", label: "North Hwanghae" },
  { code: "SOUTH_HWANGHAE", label: "South Hwanghae" },
  { code: "KANGWON", label: "Kangwon" },
  { code: "PYONGYANG", label: "Pyongyang" },
  { code: "RASON", label: "Rason" },
  { code: "NAMPO", label: "Nampo" },
  { code: "KAESONG", label: "Kaesong" },
] as const;
/** A tuple of the codes alone, usable as `z.enum(NK_PROVINCE_CODES)`. */
export const NK_PROVINCE_CODES = codesOf(NK_PROVINCES);
export type NkProvince = (typeof NK_PROVINCES)[number]["code"];

/**
 * China's 31 mainland provincial-level divisions (provinces, autonomous regions, municipalities):
 * detentions are reported far from the border (Yunnan, Guangxi, Shandong…), so none is left out.
 */
export const CN_PROVINCES = [
  { code: "ANHUI", label: "Anhui" },
  { code: "BEIJING", label: "Beijing" },
  { code: "CHONGQING", label: "Chongqing" },
  { code: "FUJIAN", label: "Fujian" },
  { code: "GANSU", label: "Gansu" },
  { code: "GUANGDONG", label: "Guangdong" },
  { code: "GUANGXI", label: "Guangxi" },
  { code: "GUIZHOU", label: "Guizhou" },
  { code: "HAINAN", label: "Hainan" },
  { code: "HEBEI", label: "Hebei" },
  { code: "HEILONGJIANG", label: "Heilongjiang" },
  { code: "HENAN", label: "Henan" },
  { code: "HUBEI", label: "Hubei" },
  { code: "HUNAN", label: "Hunan" },
  { code: "INNER_MONGOLIA", label: "Inner Mongolia" },
  { code: "JIANGSU", label: "Jiangsu" },
  { code: "JIANGXI", label: "Jiangxi" },
  { code: "JILIN", label: "Jilin" },
  { code: "LIAONING", label: "Liaoning" },
  { code: "NINGXIA", label: "Ningxia" },
  { code: "QINGHAI", label: "Qinghai" },
  { code: "SHAANXI", label: "Shaanxi" },
  { code: "SHANDONG", label: "Shandong" },
  { code: "SHANGHAI", label: "Shanghai" },
  { code: "SHANXI", label: "Shanxi" },
  { code: "SICHUAN", label: "Sichuan" },
  { code: "TIANJIN", label: "Tianjin" },
  { code: "TIBET", label: "Tibet" },
  { code: "XINJIANG", label: "Xinjiang" },
  { code: "YUNNAN", label: "Yunnan" },
  { code: "ZHEJIANG", label: "Zhejiang" },
] as const;
/** A tuple of the codes alone, usable as `z.enum(CN_PROVINCE_CODES)`. */
export const CN_PROVINCE_CODES = codesOf(CN_PROVINCES);
export type CnProvince = (typeof CN_PROVINCES)[number]["code"];

/** Narrows an untrusted string (CSV cell, query parameter) to a member of a controlled list. */
export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** English label of a North Korean province code, or undefined for an unknown code. */
export function nkProvinceLabel(code: string): string | undefined {
  return NK_PROVINCES.find((p) => p.code === code)?.label;
}

/** English label of a Chinese province code, or undefined for an unknown code. */
export function cnProvinceLabel(code: string): string | undefined {
  return CN_PROVINCES.find((p) => p.code === code)?.label;
}
