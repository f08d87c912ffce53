import { createHash } from "node:crypto";

// Korean family names, weighted roughly as they are (Kim about one in five), in the romanisations
// of both Koreas, and syllables of given names: generated names collide and nearly collide as real
// ones do, which is what the duplicates review and the name search have to cope with.
const FAMILY_NAMES = (
  "Kim Kim Kim Kim Lee Lee Lee Park Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song " +
  "Ryu Hong Jeon Ko Moon Yang Son Bae Baek Heo Nam Ri Pak Choe Jon Rim"
).split(" ");
const SYLLABLES = (
  "young yong min jin sung hyun jun ho chul soo hee mi kyung ok sun ja nam il myung eun ji hye jae dong sang " +
  "seung hwa ae gwang chol song ryong hyok kum un bok yon sil ran hak"
).split(" ");

const capitalised = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/**
 * The name of person `n`, picked by the first bytes of md5(n): "Kim Young-ho", "Ri Sunhee" (every
 * third hyphenated).
 */
export function koreanName(n: number): string {
  const bytes = createHash("md5").update(String(n)).digest();
  const pick = (values: string[], byte: number) => values[bytes[byte]! % values.length]!;
  return `${pick(FAMILY_NAMES, 0)} ${capitalised(pick(SYLLABLES, 1))}${n % 3 === 0 ? "-" : ""}${pick(SYLLABLES, 2)}`;
}

/**
 * The same picks in SQL, for the integer expression `n` (rows made inside the database). Given
 * first, the name reads as it is often written abroad: "Young-ho Kim", an alias of "Kim Young-ho".
 */
export function koreanNameSql(n: string, order: "family-first" | "given-first" = "family-first"): string {
  const pick = (values: string[], byte: number) =>
    `(ARRAY[${values.map((v) => `'${v}'`).join(",")}])[1 + get_byte(decode(md5((${n})::text), 'hex'), ${byte}) % ${values.length}]`;
  const family = pick(FAMILY_NAMES, 0);
  const given = `initcap(${pick(SYLLABLES, 1)}) || CASE WHEN (${n}) % 3 = 0 THEN '-' ELSE '' END || ${pick(SYLLABLES, 2)}`;
  return order === "family-first" ? `(${family} || ' ' || ${given})` : `(${given} || ' ' || ${family})`;
}
