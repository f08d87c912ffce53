import type { AgeGroup } from "./enums";

/**
 * Age group at a given year (DESIGN.md §1): INFANT under 1, CHILD under 18, ADULT, OLDER from 60.
 *
 * With only a birth year the age is known to within a year; we take `atYear − birthYear`, the
 * age the person reaches during `atYear`. So someone born in 2016 is INFANT only in 2016, and
 * turns ADULT and OLDER in the years they have their 18th and 60th birthdays.
 * A missing birth year gives UNKNOWN; a birth year after `atYear` is a data error and throws.
 */
export function ageGroupFromBirthYear(birthYear: number | null | undefined, atYear: number): AgeGroup {
  if (birthYear === null || birthYear === undefined) return "UNKNOWN";
  if (!Number.isInteger(birthYear) || !Number.isInteger(atYear)) {
    throw new RangeError(`Years must be integers, got ${birthYear} and ${atYear}`);
  }
  const age = atYear - birthYear;
  if (age < 0) throw new RangeError(`Birth year ${birthYear} is after ${atYear}`);
  if (age < 1) return "INFANT";
  if (age < 18) return "CHILD";
  if (age < 60) return "ADULT";
  return "OLDER";
}
