import { stringify } from "csv-stringify/sync";
import { IMPORT_COLUMNS, type ImportColumn } from "../domain/csv-import";

/*
 * The demo dataset of an embedded install, as a CSV in DESIGN.md §6's format, loaded through the
 * importer like any other file. Its shape follows public reporting: Human Rights Watch's accounts of
 * apprehensions in China in 2016–2017 (among them "41 people in July and August 2017") and the mass
 * forced repatriations of October 2023 ("500 to 600") and April 2024 ("about 60"). Every name is
 * invented, every individual is fictitious, and the sources are labelled as demo material.
 */

type Row = Partial<Record<ImportColumn, string | number>>;

const GIVEN = [
  "Ok-sun",
  "Myong-hui",
  "Chol-ho",
  "Song-mi",
  "Kwang-il",
  "Hye-jin",
  "Yong-nam",
  "Un-ha",
  "Jin-a",
  "Sung-chol",
  "Mi-ran",
  "Tae-sik",
];
const FAMILY = ["Demo-Kim", "Demo-Ri", "Demo-Pak", "Demo-Choe", "Demo-Jong", "Demo-Han"];
const ORIGINS = ["NORTH_HAMGYONG", "RYANGGANG", "SOUTH_HAMGYONG", "NORTH_PYONGAN", "CHAGANG"];

const HRW_2017 = {
  source_title:
    "Demo: NGO report on apprehensions of North Koreans in China, 2017 (modelled on Human Rights Watch reporting)",
  source_publisher: "Human Rights Watch (demo entry)",
  source_date: "2017-09-01",
  source_reliability: "B",
};
const MEDIA_2017 = {
  source_title: "Demo: news article repeating the NGO's 2017 figures",
  source_publisher: "Demo news outlet",
  source_date: "2017-09-05",
  source_reliability: "C",
};
const OCT_2023 = {
  source_title: "Demo: NGO statement on the forced return of an estimated 500–600 North Koreans, October 2023",
  source_publisher: "Human Rights Watch (demo entry)",
  source_date: "2023-10-13",
  source_reliability: "B",
};
const APR_2024 = {
  source_title: "Demo: media report of about 60 North Koreans repatriated in April 2024",
  source_publisher: "Demo news outlet",
  source_date: "2024-04-30",
  source_reliability: "C",
};
const FAMILY_CALL = {
  source_title: "Demo: family member's telephone account (confidential in real use)",
  source_publisher: "",
  source_date: "",
  source_reliability: "C",
};

function person(i: number) {
  return {
    case_ref: `C-2017-${String(9000 + i).padStart(4, "0")}`,
    full_name: `${FAMILY[i % FAMILY.length]} ${GIVEN[i % GIVEN.length]}`,
    sex: i % 3 === 0 ? "M" : "F",
    age_group: i % 7 === 0 ? "CHILD" : i % 11 === 0 ? "OLDER" : "ADULT",
  };
}

export function demoRows(): Row[] {
  const rows: Row[] = [
    // HRW's group figure and a second outlet repeating it: one event, two attributions.
    {
      event_ref: "DEMO-2017-GROUP-41",
      event_type: "APPREHENSION",
      date: "2017-07",
      date_to: "2017-08",
      country: "CN",
      province: "JILIN",
      people_low: 41,
      people_high: 41,
      credibility: 2,
      ...HRW_2017,
    },
    {
      event_ref: "DEMO-2017-GROUP-41",
      event_type: "APPREHENSION",
      date: "2017-07",
      date_to: "2017-08",
      country: "CN",
      province: "JILIN",
      people_low: 41,
      people_high: 41,
      credibility: 3,
      ...MEDIA_2017,
    },
    // "500 to 600" in all: the 18 identified people below take part in this same event, so the
    // unidentified remainder is 482–582 and the event still counts 500–600 people.
    {
      event_ref: "DEMO-2023-10-MASS",
      event_type: "REPATRIATION",
      date: "2023-10-09",
      country: "CN",
      province: "JILIN",
      place: "Tumen crossing",
      people_low: 482,
      people_high: 582,
      approximate: "true",
      credibility: 2,
      ...OCT_2023,
    },
    {
      event_ref: "DEMO-2024-04-GROUP",
      event_type: "REPATRIATION",
      date: "2024-04",
      country: "CN",
      province: "LIAONING",
      people_low: 60,
      people_high: 60,
      approximate: "true",
      credibility: 3,
      ...APR_2024,
    },
  ];
  // Twelve people apprehended in 2016–2017; most returned, some released or reaching safety.
  for (let i = 0; i < 12; i++) {
    const p = { ...person(i), province: ORIGINS[i % ORIGINS.length] };
    const month = String(1 + (i % 12)).padStart(2, "0");
    const year = i < 6 ? 2016 : 2017;
    rows.push({
      ...p,
      province: "JILIN",
      event_ref: `DEMO-A-${i}`,
      event_type: "APPREHENSION",
      date: `${year}-${month}-${String(3 + i).padStart(2, "0")}`,
      country: "CN",
      place: i % 2 ? "Yanji" : "Helong",
      credibility: 3,
      ...FAMILY_CALL,
    });
    rows.push({
      ...p,
      province: "JILIN",
      event_ref: `DEMO-D-${i}`,
      event_type: "DETENTION",
      date: `${year}-${month}`,
      country: "CN",
      place: "Tumen",
      facility: "Border detention centre (demo)",
      credibility: 3,
      ...FAMILY_CALL,
    });
    const outcome = i % 5 === 4 ? "THIRD_COUNTRY_ARRIVAL" : i % 6 === 5 ? "RELEASE" : "REPATRIATION";
    rows.push({
      ...p,
      event_ref: `DEMO-O-${i}`,
      event_type: outcome,
      // Some outcomes are known only to the year: honest, and never turned into 1 January.
      date: i % 3 === 0 ? String(year) : `${year}-${String(Math.min(12, 2 + (i % 12))).padStart(2, "0")}`,
      country: outcome === "THIRD_COUNTRY_ARRIVAL" ? "TH" : "CN",
      province: outcome === "THIRD_COUNTRY_ARRIVAL" ? "" : "JILIN",
      credibility: 4,
      ...FAMILY_CALL,
    });
  }
  // Eighteen people held during the border closure and returned in the October 2023 mass repatriation.
  for (let i = 12; i < 30; i++) {
    const p = person(i);
    const year = 2019 + (i % 4);
    rows.push({
      ...p,
      case_ref: p.case_ref.replace("2017", "2023"),
      event_ref: `DEMO-A-${i}`,
      event_type: "APPREHENSION",
      date: `${year}-${String(1 + (i % 12)).padStart(2, "0")}`,
      country: "CN",
      province: i % 2 ? "LIAONING" : "JILIN",
      place: i % 2 ? "Shenyang" : "Changbai",
      credibility: 3,
      ...FAMILY_CALL,
    });
    rows.push({
      ...p,
      case_ref: p.case_ref.replace("2017", "2023"),
      event_ref: "DEMO-2023-10-MASS",
      event_type: "REPATRIATION",
      date: "2023-10-09",
      country: "CN",
      province: "JILIN",
      credibility: 3,
      ...FAMILY_CALL,
    });
  }
  return rows;
}

/** The demo dataset as CSV bytes, ready for `importCsv`. */
export function demoCsv(): Uint8Array {
  const rows = demoRows().map((row) => IMPORT_COLUMNS.map((column) => row[column] ?? ""));
  return new TextEncoder().encode(stringify([IMPORT_COLUMNS as readonly string[], ...rows]));
}
