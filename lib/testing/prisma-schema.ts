/**
 * A small reader of `prisma/schema.prisma`, good enough to check the migrations against it:
 * models with their table and columns, and enums with their values. Relation fields are skipped
 * as columns but kept as the foreign keys they declare.
 */

export interface ColumnSpec {
  field: string;
  column: string;
  /** `information_schema.columns.data_type`; undefined when only `udtName` can be predicted. */
  dataType?: string;
  /** `information_schema.columns.udt_name`: `int4`, `timestamptz`, an enum's name, `_text` for text[]… */
  udtName: string;
  nullable: boolean;
  list: boolean;
}

export interface ForeignKeySpec {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}

export interface ModelSpec {
  name: string;
  table: string;
  columns: ColumnSpec[];
  foreignKeys: ForeignKeySpec[];
}

export interface EnumSpec {
  name: string;
  /** The database type's name (`@@map`). */
  dbName: string;
  /** Database values in declaration order (`@map` applied). */
  values: string[];
}

export interface PrismaSchema {
  models: ModelSpec[];
  enums: EnumSpec[];
}

/** [data_type, udt_name] by Prisma scalar type, and by native type attribute (`@db.X`). */
const SCALARS: Record<string, [string, string]> = {
  String: ["text", "text"],
  Int: ["integer", "int4"],
  BigInt: ["bigint", "int8"],
  Boolean: ["boolean", "bool"],
  DateTime: ["timestamp without time zone", "timestamp"],
  Json: ["jsonb", "jsonb"],
  Float: ["double precision", "float8"],
  Decimal: ["numeric", "numeric"],
  Bytes: ["bytea", "bytea"],
};

const NATIVE: Record<string, [string, string]> = {
  Uuid: ["uuid", "uuid"],
  Text: ["text", "text"],
  VarChar: ["character varying", "varchar"],
  Char: ["character", "bpchar"],
  Timestamptz: ["timestamp with time zone", "timestamptz"],
  Timestamp: ["timestamp without time zone", "timestamp"],
  Date: ["date", "date"],
  Time: ["time without time zone", "time"],
  SmallInt: ["smallint", "int2"],
  Integer: ["integer", "int4"],
  BigInt: ["bigint", "int8"],
  DoublePrecision: ["double precision", "float8"],
  Real: ["real", "float4"],
  Decimal: ["numeric", "numeric"],
  Money: ["money", "money"],
  Boolean: ["boolean", "bool"],
  JsonB: ["jsonb", "jsonb"],
  Json: ["json", "json"],
  Inet: ["inet", "inet"],
  ByteA: ["bytea", "bytea"],
};

interface Block {
  kind: string;
  name: string;
  lines: string[];
}

/** Drops a `//` comment, leaving `//` inside string literals alone. */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\\" && inString) i++;
    else if (c === '"') inString = !inString;
    else if (!inString && c === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}

function readBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const raw of source.split(/\r?\n/)) {
    const line = stripComment(raw).trim();
    if (!line) continue;
    if (!current) {
      const start = /^(\w+)\s+(\w+)\s*\{$/.exec(line);
      if (start) current = { kind: start[1]!, name: start[2]!, lines: [] };
      else if (line !== "}") throw new Error(`prisma-schema: cannot read line outside a block: ${line}`);
    } else if (line === "}") {
      blocks.push(current);
      current = null;
    } else {
      current.lines.push(line);
    }
  }
  if (current) throw new Error(`prisma-schema: ${current.kind} ${current.name} is not closed`);
  return blocks;
}

const mapOf = (attributes: string) => /@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(attributes)?.[1];
const listOf = (text: string | undefined) =>
  (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function readEnum(block: Block): EnumSpec {
  const values: string[] = [];
  let dbName = block.name;
  for (const line of block.lines) {
    const blockMap = /^@@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(line);
    if (blockMap) dbName = blockMap[1]!;
    else if (!line.startsWith("@@")) {
      const [value, ...rest] = line.split(/\s+/);
      values.push(mapOf(rest.join(" ")) ?? value!);
    }
  }
  return { name: block.name, dbName, values };
}

interface Relation {
  fields: string[];
  model: string;
  references: string[];
}

interface ReadModel {
  name: string;
  table: string;
  columns: ColumnSpec[];
  relations: Relation[];
}

function readModel(block: Block, models: Map<string, Block>, enums: Map<string, EnumSpec>): ReadModel {
  const columns: ColumnSpec[] = [];
  const relations: Relation[] = [];
  let table = block.name;
  for (const line of block.lines) {
    if (line.startsWith("@@")) {
      const map = /^@@map\(\s*(?:name:\s*)?"([^"]+)"/.exec(line);
      if (map) table = map[1]!;
      continue;
    }
    const field =
      /^(?<name>\w+)\s+(?<type>\w+(?:\("[^"]*"\))?)(?<list>\[\])?(?<optional>\?)?\s*(?<attributes>.*)$/.exec(line);
    if (!field?.groups) throw new Error(`prisma-schema: cannot read field in ${block.name}: ${line}`);
    type Groups = { name: string; type: string; list?: string; optional?: string; attributes?: string };
    const { name, type, list, optional, attributes = "" } = field.groups as Groups;
    if (models.has(type)) {
      const relation = /@relation\(([^)]*)\)/.exec(attributes)?.[1] ?? "";
      const fields = listOf(/fields:\s*\[([^\]]*)\]/.exec(relation)?.[1]);
      if (fields.length)
        relations.push({ fields, model: type, references: listOf(/references:\s*\[([^\]]*)\]/.exec(relation)?.[1]) });
      continue;
    }
    let dataType: string | undefined;
    let udtName: string;
    const enumSpec = enums.get(type);
    const unsupported = /^Unsupported\("([^"]+)"\)$/.exec(type);
    const native = /@db\.(\w+)/.exec(attributes)?.[1];
    if (enumSpec) [dataType, udtName] = ["USER-DEFINED", enumSpec.dbName];
    else if (unsupported) udtName = unsupported[1]!;
    else if (native) {
      const nativeType = NATIVE[native];
      if (!nativeType)
        throw new Error(`prisma-schema: @db.${native} on ${block.name}.${name} is not known here: add it to NATIVE`);
      [dataType, udtName] = nativeType;
    } else {
      const scalar = SCALARS[type];
      if (!scalar) throw new Error(`prisma-schema: type ${type} of ${block.name}.${name} is not known here`);
      [dataType, udtName] = scalar;
    }
    if (list) [dataType, udtName] = ["ARRAY", `_${udtName}`];
    columns.push({
      field: name,
      column: mapOf(attributes) ?? name,
      dataType,
      udtName,
      nullable: Boolean(optional),
      list: Boolean(list),
    });
  }
  return { name: block.name, table, columns, relations };
}

export function parsePrismaSchema(source: string): PrismaSchema {
  const blocks = readBlocks(source);
  const enums = new Map(blocks.filter((b) => b.kind === "enum").map((b) => [b.name, readEnum(b)]));
  const modelBlocks = new Map(blocks.filter((b) => b.kind === "model").map((b) => [b.name, b]));
  const read = new Map([...modelBlocks.values()].map((b) => [b.name, readModel(b, modelBlocks, enums)]));
  // A relation names fields; its foreign key names columns of both tables, known once all are read.
  const columnOf = (columns: ColumnSpec[], field: string) => columns.find((c) => c.field === field)?.column ?? field;
  const models = [...read.values()].map(({ relations, ...model }) => ({
    ...model,
    foreignKeys: relations.map((relation) => {
      const target = read.get(relation.model)!;
      return {
        columns: relation.fields.map((f) => columnOf(model.columns, f)),
        referencedTable: target.table,
        referencedColumns: relation.references.map((f) => columnOf(target.columns, f)),
      };
    }),
  }));
  return { models, enums: [...enums.values()] };
}
