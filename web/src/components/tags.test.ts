import { describe, expect, it } from "vitest";
import { tagList, typingTag } from "./tags";

describe("tags as typed", () => {
  it("are trimmed, lower-cased and kept once", () => {
    expect(tagList(" VIP, athens ,vip,, ")).toEqual(["vip", "athens"]);
  });

  it("say which tag is being typed after the ones done", () => {
    expect(typingTag("vip, Ath")).toEqual({ done: ["vip"], typing: "ath" });
    expect(typingTag("vip, ")).toEqual({ done: ["vip"], typing: "" });
  });
});
