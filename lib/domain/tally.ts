import type { EventType } from "./enums";

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
}

export interface TallyQuery {
  /** Inclusive months, YYYY-MM. */
  from: string;
  to: string;
  type: EventType;
  by?: TallyBreakdown;
}

export interface TallyResult {
  from: string;
  to: string;
  type: EventType;
  total: TallyBounds;
  /** With `by=month`: every month of the range in order, zeros included. */
  rows: TallyRow[];
}

/** Longest period the API accepts, in months (50 years). */
export const MAX_TALLY_MONTHS = 50 * 12;
