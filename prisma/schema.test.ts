import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withClient } from "@/lib/testing/databases";
import { parsePrismaSchema, type ColumnSpec } from "@/lib/testing/prisma-schema";

// Migrations are written by hand (there is no schema engine here), so nothing else keeps them in
// step with schema.prisma. The global setup migrated DATABASE_URL from prisma/migrations; this
// compares what that produced with what the Prisma client believes, table by table.

const schema = parsePrismaSchema(readFileSync(path.join(__dirname, "schema.prisma"), "utf8"));

interface DbColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
}

interface DbForeignKey {
  table: string;
  name: string;
  columns: string[];
  referenced_table: string;
  referenced_columns: string[];
  indexed: boolean;
}

const catalog = {
  tables: [] as string[],
  columns: [] as DbColumn[],
  enums: {} as Record<string, string[]>,
  foreignKeys: [] as DbForeignKey[],
};

beforeAll(async () => {
  await withClient(process.env.DATABASE_URL!, async (client) => {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    catalog.tables = tables.rows.map((r) => r.table_name).sort();
    const columns = await client.query<DbColumn>(
      `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    );
    catalog.columns = columns.rows;
    const enums = await client.query<{ name: string; labels: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname`,
    );
    catalog.enums = Object.fromEntries(enums.rows.map((r) => [r.name, r.labels]));
    // A foreign key counts as indexed when a full (non-partial) index starts with exactly its columns.
    const foreignKeys = await client.query<DbForeignKey>(
      `SELECT t.relname AS table, c.conname AS name, rt.relname AS referenced_table,
              ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
              ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS referenced_columns,
              EXISTS (
                SELECT 1 FROM pg_index i
                 WHERE i.indrelid = c.conrelid AND i.indpred IS NULL
                   AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey
                   AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey
              ) AS indexed
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_class rt ON rt.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    catalog.foreignKeys = foreignKeys.rows;
  });
});

/** What schema.prisma promises for a column, in the shape the database is read into. */
function expectedColumn(column: ColumnSpec) {
  return {
    dataType: column.dataType ?? expect.any(String), // Unsupported("…"): only the type name is known
    udtName: column.udtName,
    // Prisma itself creates list columns nullable although the schema cannot mark a list optional
    // (prisma/prisma#26425), so either way agrees with the schema.
    nullable: column.list ? expect.any(Boolean) : column.nullable,
  };
}

function actualColumns(table: string) {
  return Object.fromEntries(
    catalog.columns
      .filter((c) => c.table_name === table)
      .map((c) => [c.column_name, { dataType: c.data_type, udtName: c.udt_name, nullable: c.is_nullable === "YES" }]),
  );
}

const fkKey = (table: string, columns: string[], referencedTable: string, referencedColumns: string[]) =>
  `${table}(${columns.join(", ")}) → ${referencedTable}(${referencedColumns.join(", ")})`;

describe("schema.prisma and the migrated database", () => {
  it("have the same tables", () => {
    expect(catalog.tables).toEqual(schema.models.map((m) => m.table).sort());
  });

  for (const model of schema.models) {
    it(`agree on every column of ${model.table} (${model.name})`, () => {
      const expected = Object.fromEntries(model.columns.map((c) => [c.column, expectedColumn(c)]));
      expect(actualColumns(model.table)).toEqual(expected);
    });
  }

  it("have the same enum types and values, in order", () => {
    expect(catalog.enums).toEqual(Object.fromEntries(schema.enums.map((e) => [e.dbName, e.values])));
  });

  it("have the same foreign keys", () => {
    const expected = schema.models.flatMap((m) =>
      m.foreignKeys.map((fk) => fkKey(m.table, fk.columns, fk.referencedTable, fk.referencedColumns)),
    );
    const actual = catalog.foreignKeys.map((fk) =>
      fkKey(fk.table, fk.columns, fk.referenced_table, fk.referenced_columns),
    );
    expect(actual.sort()).toEqual(expected.sort());
  });

  it("index every foreign key (STYLE.md rule 9)", () => {
    const unindexed = catalog.foreignKeys.filter((fk) => !fk.indexed).map((fk) => `${fk.table}.${fk.name}`);
    expect(unindexed).toEqual([]);
  });
});

describe("parsePrismaSchema", () => {
  const parsed = parsePrismaSchema(`
    // a comment
    enum Sex {
      F
      M
      UNKNOWN @map("unknown") /// mapped value
      @@map("sex")
    }
    model Org {
      id    String @id @db.Uuid
      cases Case[]
      @@map("orgs")
    }
    model Case {
      id        BigInt    @id @default(autoincrement())
      ref       String    @default("C-//-0") // a "//" inside a string is not a comment
      sex       Sex?
      aliases   String[]  @default([])
      flags     Sex[]
      born      DateTime? @map("born_at") @db.Date
      seen      DateTime  @map("seen_at") @db.Timestamptz(3)
      stamp     DateTime
      data      Json      @default("{}")
      score     Float
      amount    Decimal   @db.Decimal(10, 2)
      search    Unsupported("tsvector")?
      orgId     String?   @map("org_id") @db.Uuid
      org       Org?      @relation(fields: [orgId], references: [id], onDelete: Restrict)
      @@index([orgId])
      @@map("cases")
    }
  `);
  const columns = Object.fromEntries(parsed.models.find((m) => m.name === "Case")!.columns.map((c) => [c.column, c]));

  it("reads tables, and skips relation fields", () => {
    expect(parsed.models.map((m) => m.table)).toEqual(["orgs", "cases"]);
    expect(parsed.models[0]!.columns.map((c) => c.column)).toEqual(["id"]);
    expect(Object.keys(columns)).not.toContain("org");
  });

  it("reads column names, types and nullability", () => {
    const pick = (c: ColumnSpec) => [c.dataType, c.udtName, c.nullable];
    expect(pick(columns.id!)).toEqual(["bigint", "int8", false]);
    expect(pick(columns.ref!)).toEqual(["text", "text", false]);
    expect(pick(columns.sex!)).toEqual(["USER-DEFINED", "sex", true]);
    expect(pick(columns.aliases!)).toEqual(["ARRAY", "_text", false]);
    expect(pick(columns.flags!)).toEqual(["ARRAY", "_sex", false]);
    expect(pick(columns.born_at!)).toEqual(["date", "date", true]);
    expect(pick(columns.seen_at!)).toEqual(["timestamp with time zone", "timestamptz", false]);
    expect(pick(columns.stamp!)).toEqual(["timestamp without time zone", "timestamp", false]);
    expect(pick(columns.data!)).toEqual(["jsonb", "jsonb", false]);
    expect(pick(columns.score!)).toEqual(["double precision", "float8", false]);
    expect(pick(columns.amount!)).toEqual(["numeric", "numeric", false]);
    expect(pick(columns.search!)).toEqual([undefined, "tsvector", true]);
    expect(pick(columns.org_id!)).toEqual(["uuid", "uuid", true]);
  });

  it("reads enums with mapped names and values", () => {
    expect(parsed.enums).toEqual([{ name: "Sex", dbName: "sex", values: ["F", "M", "unknown"] }]);
  });

  it("reads foreign keys as columns of both tables", () => {
    expect(parsed.models[1]!.foreignKeys).toEqual([
      { columns: ["org_id"], referencedTable: "orgs", referencedColumns: ["id"] },
    ]);
  });
});
