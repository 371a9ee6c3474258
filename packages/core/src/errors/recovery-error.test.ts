import { describe, expect, it } from "vitest";
import { PluginError, RecoveryError } from "./recovery-error.js";

describe("RecoveryError", () => {
  it("carries a stable code, the failed step, the backup path and the cause", () => {
    const cause = new Error("disk full");
    const error = new RecoveryError("UPLOAD_FAILED", "upload", "Upload failed", {
      cause,
      backupPath: "/b.realm",
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe("UPLOAD_FAILED");
    expect(error.step).toBe("upload");
    expect(error.backupPath).toBe("/b.realm");
    expect(error.cause).toBe(cause);
    expect(error.name).toBe("RecoveryError");
  });
});

describe("PluginError", () => {
  it("names the plugin and what it threw", () => {
    const error = new PluginError("my-strategy", "recover", new TypeError("x is undefined"));
    expect(error).toBeInstanceOf(RecoveryError);
    expect(error.code).toBe("PLUGIN_FAILED");
    expect(error.plugin).toBe("my-strategy");
    expect(error.message).toBe('Plugin "my-strategy" failed during "recover": x is undefined');
  });

  it("describes thrown non-errors readably", () => {
    expect(new PluginError("p", "track", { reason: 1 }).message).toContain('{"reason":1}');
    expect(new PluginError("p", "track", "boom").message).toContain("boom");
  });
});
