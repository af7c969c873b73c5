import { describe, expect, it } from "vitest";
import { combine, liveStatus, track } from "./status";

describe("live status", () => {
  it("is idle without listeners, and the worst state of those open", () => {
    expect(combine([])).toBe("idle");
    expect(combine(["live", "live"])).toBe("live");
    expect(combine(["live", "connecting"])).toBe("connecting");
    expect(combine(["connecting", "polling", "live"])).toBe("polling");
  });

  it("forgets a listener once it stops", () => {
    const report = track();
    report("polling");
    const other = track();
    other("live");
    expect(liveStatus()).toBe("polling");
    report(null);
    expect(liveStatus()).toBe("live");
    other(null);
    expect(liveStatus()).toBe("idle");
  });
});
