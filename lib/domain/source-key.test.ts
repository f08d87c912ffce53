import { describe, expect, it } from "vitest";
import { MAX_KEY_BYTES, normaliseSourceUrl, sourceKey } from "./source-key";

describe("normaliseSourceUrl", () => {
  it.each([
    ["https://www.hrw.org/report/2017/07/14/china", "https://www.hrw.org/report/2017/07/14/china"],
    ["HTTPS://WWW.HRW.ORG/Report/2017/", "https://www.hrw.org/Report/2017"],
    ["  https://hrw.org  ", "https://hrw.org"],
    ["https://hrw.org/", "https://hrw.org"],
    ["https://hrw.org///", "https://hrw.org"],
    ["https://hrw.org/a#section-2", "https://hrw.org/a"],
    ["https://hrw.org:443/a", "https://hrw.org/a"],
    ["http://hrw.org:8080/a", "http://hrw.org:8080/a"],
    ["https://user:secret@hrw.org/a", "https://hrw.org/a"],
    ["https://hrw.org/a?utm_source=x&id=4&UTM_Medium=y&utm_campaign", "https://hrw.org/a?id=4"],
    ["https://hrw.org/a?utm_source=x", "https://hrw.org/a"],
    ["https://hrw.org/a?b=2&a=1", "https://hrw.org/a?b=2&a=1"],
    ["https://dailynk.com/탈북민/", "https://dailynk.com/%ED%83%88%EB%B6%81%EB%AF%BC"],
  ])("%s → %s", (input, expected) => {
    expect(normaliseSourceUrl(input)).toBe(expected);
  });

  it.each(["javascript:alert(1)", "ftp://hrw.org/a", "mailto:a@b.c", "not a url", ""])("refuses %j", (input) => {
    expect(normaliseSourceUrl(input)).toBeNull();
  });
});

describe("sourceKey", () => {
  it("keys a source with a URL by the URL alone", () => {
    const a = sourceKey({ url: "https://HRW.org/report/?utm_source=tw#top", title: "A report" });
    const b = sourceKey({ url: "https://hrw.org/report", title: "Another title", publisher: "HRW" });
    expect(a).toBe("https://hrw.org/report");
    expect(b).toBe(a);
  });

  it("keys a source without a URL by title, publisher and date, folded", () => {
    expect(
      sourceKey({
        title: "  North Korea:\tForced   Returns ",
        publisher: "Human Rights Watch",
        publishedOn: "2017-07-14",
      }),
    ).toBe("north korea: forced returns|human rights watch|2017-07-14");
    expect(sourceKey({ title: "Testimony", publisher: null, publishedOn: null })).toBe("testimony||");
    expect(sourceKey({ title: "ＡＢＣ　News" })).toBe("abc news||");
  });

  it("distinguishes sources that differ only in publisher or date", () => {
    const base = { title: "Testimony", publisher: "Family", publishedOn: "2017-07-14" };
    expect(sourceKey(base)).not.toBe(sourceKey({ ...base, publisher: "Witness" }));
    expect(sourceKey(base)).not.toBe(sourceKey({ ...base, publishedOn: "2017-07-15" }));
  });

  it("falls back to the title key when the URL is not http(s)", () => {
    expect(sourceKey({ url: "javascript:alert(1)", title: "T" })).toBe("t||");
    expect(sourceKey({ url: "", title: "T" })).toBe("t||");
  });

  it("hashes a key too long for the unique index, deterministically", () => {
    const title = "😀".repeat(MAX_KEY_BYTES);
    const key = sourceKey({ title });
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(sourceKey({ title: ` ${title} ` })).toBe(key);
  });
});
