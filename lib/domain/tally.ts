import { CN_PROVINCE_CODES, NK_PROVINCE_CODES, type EventType } from "./enums";

/**
 * The shapes of DESIGN.md §2 and §6 (Tallies API). Bounds are people counts:
 * - low: people in events of the type whose whole date interval lies inside the period;
 * - high: people in events of the type whose interval overlaps the period;
 * - open: some counted event has no upper bound ("at least 41"), so high may be higher.
 */
export const TALLY_BREAKDOWNS = ["month", "province", "sex", "ageGroup", "status"] as const;
export type TallyBreakdown = (typeof TALLY_BREAKDOWNS)[number];

export interface TallyBounds {
  low: number;
  high: number;
  open: boolean;
}

export interface TallyRow extends TallyBounds {
  /** YYYY-MM for `month`; a province code, sex, age group or case status otherwise ("UNKNOWN" for people known only by number). */
  key: string;
  /**
   * By month only: how much of `high` comes from events running over more than one month, which
   * add to no single month's low ("spanning", DESIGN.md §2). Not part of the API's rows.
   */
  spanning?: number;
}

export interface TallyQuery {
  /** Inclusive months, YYYY-MM. */
  from: string;
  to: string;
  type: EventType;
  by?: TallyBreakdown;
  /** Only events in this province (a code of TALLY_PROVINCES); every province when absent. */
  province?: TallyProvince;
}

export interface TallyResult {
  from: string;
  to: string;
  type: EventType;
  province?: TallyProvince;
  total: TallyBounds;
  /** With `by=month`: every month of the range in order, zeros included. */
  rows: TallyRow[];
}

/** The keys of the breakdown by province, and so the values of its filter: UNKNOWN for events without one. */
export const TALLY_PROVINCES = [...CN_PROVINCE_CODES, ...NK_PROVINCE_CODES, "UNKNOWN"] as const;
export type TallyProvince = (typeof TALLY_PROVINCES)[number];

/** Longest period the API accepts, in months (50 years). */
export const MAX_TALLY_MONTHS = 50 * 12;
