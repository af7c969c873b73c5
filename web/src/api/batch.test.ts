import { describe, expect, it } from "vitest";
import { batchedLookup } from "./batch";

function recording(names: Record<string, string>) {
  const calls: string[][] = [];
  const fetchMany = async (ids: string[]) => {
    calls.push(ids);
    return new Map(ids.filter((id) => id in names).map((id) => [id, names[id]]));
  };
  return { calls, fetchMany };
}

describe("batchedLookup", () => {
  it("answers the look-ups of one moment with one request of their distinct ids", async () => {
    const { calls, fetchMany } = recording({ a: "Alpha", b: "Beta" });
    const lookup = batchedLookup(fetchMany, 100);
    const answers = await Promise.all([lookup("a"), lookup("b"), lookup("a"), lookup("gone")]);
    expect(answers).toEqual(["Alpha", "Beta", "Alpha", undefined]);
    expect(calls).toEqual([["a", "b", "gone"]]);
  });

  it("splits a large moment into requests of at most max ids, and starts again afterwards", async () => {
    const { calls, fetchMany } = recording({});
    const lookup = batchedLookup(fetchMany, 2);
    await Promise.all(["a", "b", "c", "d", "e"].map(lookup));
    await lookup("f");
    expect(calls).toEqual([["a", "b"], ["c", "d"], ["e"], ["f"]]);
  });

  it("fails every look-up of a request that failed, and only those", async () => {
    let fail = true;
    const lookup = batchedLookup(async (ids: string[]) => {
      if (fail) throw new Error("offline");
      return new Map(ids.map((id) => [id, id.toUpperCase()]));
    }, 100);
    const failed = Promise.allSettled([lookup("a"), lookup("b")]);
    expect((await failed).map((result) => result.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await lookup("a")).toBe("A");
  });
});
