import { describe, expect, it } from "vitest";
import { ndjsonLine, ndjsonReader } from "./ndjson";

describe("ndjsonLine", () => {
  it("writes one value per line, escaping line breaks inside strings", () => {
    expect(ndjsonLine({ phase: "checking" })).toBe('{"phase":"checking"}\n');
    const line = ndjsonLine({ error: "two\nlines" });
    expect(line.indexOf("\n")).toBe(line.length - 1);
    expect(JSON.parse(line)).toEqual({ error: "two\nlines" });
  });
});

describe("ndjsonReader", () => {
  it("returns each complete line once, as the text grows", () => {
    const read = ndjsonReader();
    let text = "";
    const receive = (more: string) => read((text += more));
    expect(receive('{"phase":"chec')).toEqual([]);
    expect(receive('king"}\n{"phase":"writing","done":0,')).toEqual([{ phase: "checking" }]);
    expect(receive('"total":10}\n{"phase":"writing","done":10,"total":10}\n')).toEqual([
      { phase: "writing", done: 0, total: 10 },
      { phase: "writing", done: 10, total: 10 },
    ]);
    expect(receive("")).toEqual([]);
    expect(receive('{"result":{"ok":true}}\n')).toEqual([{ result: { ok: true } }]);
  });

  it("skips blank and damaged lines and keeps reading", () => {
    const read = ndjsonReader();
    expect(read('\n{"a":1}\nnot json\n\n{"b":2}\n')).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("reads values written by ndjsonLine back unchanged", () => {
    const values = [{ phase: "checking" }, { error: 'line\nbreak, "quotes" and ünïcödé' }, [1, 2], "text", 3];
    expect(ndjsonReader()(values.map(ndjsonLine).join(""))).toEqual(values);
  });
});
