import { describe, expect, it } from "vitest";
import { activitiesTexts } from "@/features/activities/texts";
import { dealsTexts } from "./texts";

/** Every key path of a texts object, plural forms (`_one`, `_other`) read as one key. */
function keys(texts: object, prefix = ""): string[] {
  return Object.entries(texts).flatMap(([key, value]) => typeof value === "object"
    ? keys(value as object, `${prefix}${key}.`)
    : [`${prefix}${key.replace(/_(one|few|many|other)$/, "")}`]).filter((key, i, all) => all.indexOf(key) === i).sort();
}

describe("the deals' and activities' texts", () => {
  it.each([["deals", dealsTexts], ["activities", activitiesTexts]] as const)("%s say the same in English and Greek",
    (_name, texts) => {
      expect(keys(texts.el)).toEqual(keys(texts.en));
    });
});
