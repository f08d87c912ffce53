import { stringify } from "csv-stringify/sync";
import { IMPORT_COLUMNS, type ImportColumn } from "./csv-format";

type TemplateRow = Partial<Record<ImportColumn, string>>;

const exampleSource = {
  source_title: "Example report on detentions in China",
  source_publisher: "Example Rights Group",
  source_url: "https://example.org/reports/example-detentions",
  source_date: "2017-10-01",
  source_reliability: "B",
  credibility: "2",
};

/**
 * Fictitious rows, one per event type, following one invented person, plus a group of 41 people
 * known only by number (the Human Rights Watch style "41 apprehended in July and August 2017").
 */
export const TEMPLATE_ROWS: TemplateRow[] = [
  {
    event_ref: "EX-2017-001",
    case_ref: "C-2017-9001",
    full_name: "Example Person One",
    sex: "F",
    age_group: "ADULT",
    birth_year: "1990",
    event_type: "APPREHENSION",
    date: "2017-07-14",
    country: "CN",
    province: "Jilin",
    place: "Example City bus station",
    ...exampleSource,
    notes: "Example excerpt: stopped at a checkpoint with two others.",
  },
  {
    event_ref: "EX-2017-002",
    case_ref: "C-2017-9001",
    event_type: "DETENTION",
    date: "2017-07",
    country: "CN",
    province: "JILIN",
    facility: "Example Border Detention Centre",
    ...exampleSource,
  },
  {
    event_ref: "EX-2017-003",
    case_ref: "C-2017-9001",
    event_type: "TRANSFER",
    date: "2017-08-02",
    country: "CN",
    province: "Liaoning",
    facility: "Example Detention Centre",
    ...exampleSource,
  },
  {
    event_ref: "EX-2017-004",
    case_ref: "C-2017-9001",
    event_type: "REPATRIATION",
    date: "about 2017-09",
    country: "KP",
    province: "North Hamgyong",
    ...exampleSource,
  },
  {
    event_ref: "EX-2018-001",
    case_ref: "C-2018-9002",
    sex: "M",
    age_group: "CHILD",
    event_type: "RELEASE",
    date: "2018-03",
    date_to: "2018-04",
    country: "CN",
    province: "Yunnan",
  },
  {
    event_ref: "EX-2018-002",
    case_ref: "C-2018-9002",
    event_type: "THIRD_COUNTRY_ARRIVAL",
    date: "2018-05-20",
    country: "TH",
  },
  {
    event_ref: "EX-2019-001",
    case_ref: "C-2019-9003",
    sex: "UNKNOWN",
    age_group: "OLDER",
    event_type: "DEATH",
    date: "2019",
    country: "CN",
    province: "Heilongjiang",
  },
  {
    event_ref: "EX-2019-002",
    case_ref: "C-2019-9003",
    event_type: "OTHER",
    date: "2019-02..2019-03",
    country: "CN",
    place: "Example village",
  },
  {
    event_ref: "EX-2017-HRW-41",
    event_type: "APPREHENSION",
    date: "2017-07",
    date_to: "2017-08",
    country: "CN",
    people_low: "41",
    ...exampleSource,
    notes: "Example excerpt: 41 North Koreans apprehended in July and August 2017.",
  },
];

/** The template CSV: the header and the example rows, UTF-8 without BOM. */
export function buildImportTemplate(): string {
  return stringify([
    [...IMPORT_COLUMNS],
    ...TEMPLATE_ROWS.map((row) => IMPORT_COLUMNS.map((column) => row[column] ?? "")),
  ]);
}
