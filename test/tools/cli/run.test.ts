/**
 * The command line in-process: registration of command modules, and what
 * happens when a command fails unexpectedly.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../packages/tools/cli/commands/index.js";
import type { CommandModule } from "../../../packages/tools/cli/context.js";
import { run } from "../../../packages/tools/cli/run.js";
import { applyEdits, cleanup, freshCopy } from "../../config/fixture.js";

function capture() {
  const out = { stdout: "", stderr: "" };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

const exploding: CommandModule = {
  name: "explode",
  register(program) {
    program.command("explode").action(() => {
      throw new TypeError("cannot read properties of undefined");
    });
  },
};

describe("run", () => {
  it("registers every command in help order", () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(["validate", "plan", "ipam", "schema", "affected", "policy-config", "record"]);
  });

  it("turns an unexpected failure into 'internal error', exit 70, without a stack trace", async () => {
    const previous = process.env.DRIFTSENHED_DEBUG;
    delete process.env.DRIFTSENHED_DEBUG;
    try {
      const { out, io } = capture();
      expect(await run(["explode"], io, [exploding])).toBe(70);
      expect(out.stderr).toContain("driftsenhed: internal error: cannot read properties of undefined");
      expect(out.stderr).toContain("DRIFTSENHED_DEBUG=1");
      expect(out.stderr).not.toMatch(/^\s+at /m);
    } finally {
      if (previous !== undefined) process.env.DRIFTSENHED_DEBUG = previous;
    }
  });

  it("shows the stack trace of an internal error when DRIFTSENHED_DEBUG is set", async () => {
    process.env.DRIFTSENHED_DEBUG = "1";
    try {
      const { out, io } = capture();
      expect(await run(["explode"], io, [exploding])).toBe(70);
      expect(out.stderr).toMatch(/^\s+at /m);
    } finally {
      delete process.env.DRIFTSENHED_DEBUG;
    }
  });

  it("runs whatever command modules it is given", async () => {
    const plan: CommandModule = {
      name: "plan",
      register(program, { io, setExitCode }) {
        program.command("plan").action(() => {
          io.stdout("planned\n");
          setExitCode(0);
        });
      },
    };
    const { out, io } = capture();
    expect(await run(["plan"], io, [...COMMANDS.filter((c) => c.name !== "plan"), plan])).toBe(0);
    expect(out.stdout).toBe("planned\n");
  });
});

const VALID = join(__dirname, "..", "..", "fixtures", "config", "valid");
const INVALID = join(__dirname, "..", "..", "fixtures", "config", "invalid");
const INVALID_REL = "test/fixtures/config/invalid";
const NOWHERE = join(__dirname, "..", "..", "fixtures", "config", "nowhere");
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

async function cli(...args: string[]) {
  const { out, io } = capture();
  const code = await run(args, io);
  return { code, ...out };
}

describe("validate in-process", () => {
  it("prints warnings but exits 0 when there are only warnings", async () => {
    const r = await cli("validate", "--config-dir", VALID, "--today", "2026-10-01");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("851-aalborg.yaml:17:12  migration.cutover  warning: cutover 2026-09-01 has passed");
    expect(r.stdout).toContain("valid (2 units, 5 municipalities; 0 errors, 1 warning)");
  });

  it("reports warnings in JSON with their severity", async () => {
    const r = await cli("validate", "--config-dir", VALID, "--today", "2026-10-01", "--format", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, errors: 0, warnings: 1, findings: [{ severity: "warning", rule: "cutover-past", path: "migration.cutover" }] });
  });

  it.each([
    [["validate", "--format", "xml"], "Allowed choices are text, json"],
    [["validate", "--today", "2027-02-30"], "expected a real date as YYYY-MM-DD"],
    [["validate", "--today", "tomorrow"], "expected a real date as YYYY-MM-DD"],
    [["validate", "extra"], "too many arguments"],
    [["validate", "--config-dir"], "argument missing"],
    [["frobnicate"], "unknown command 'frobnicate'"],
    [["schema"], "required option '--out <dir>' not specified"],
    [["ipam"], "missing required argument 'unit'"],
    [["ipam", "nord", "--prefix-length", "40", "--config-dir", VALID], "--prefix-length must be a whole number from 8 to 29"],
    [["ipam", "nord", "--prefix-length", "x", "--config-dir", VALID], "--prefix-length must be a whole number"],
    [["ipam", "nord", "--prefix-length", "12", "--config-dir", VALID], "a /12 does not fit"],
  ])("rejects %j with exit 2 and a message", async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });

  it("prints help and exits 0 with --help", async () => {
    const r = await cli("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/validate \[options\]/);
    expect(r.stdout).toMatch(/ipam \[options\] <unit>/);
    expect(r.stdout).toMatch(/schema \[options\]/);
    expect(r.stdout).toMatch(/plan \[options\] \[unit\.\.\.\]/);
  });
});

describe("ipam in-process", () => {
  afterAll(cleanup);

  it("warns when a broken file's range cannot be read, and avoids a range it can read", async () => {
    const dir = freshCopy();
    applyEdits(dir, [
      { file: "nord/municipalities/825-laesoe.yaml", text: () => "code: [\n" },
      { file: "nord/municipalities/773-morsoe.yaml", set: [[["lifecycle"], "paused"]] },
    ]);
    const r = await cli("ipam", "nord", "--config-dir", dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: ${join(dir, "nord", "municipalities", "825-laesoe.yaml")} has errors and no readable network.addressSpace`);
    expect(r.stdout).toMatch(/^10\.64\.32\.0\/20 +4096 {2}773 Morsø \(file has errors\)$/m);
    expect(r.stdout).toMatch(/^10\.64\.48\.0\/20 +4096 {2}free$/m);
  });

  it("proposes a block of the requested size", async () => {
    const r = await cli("ipam", "nord", "--prefix-length", "22", "--config-dir", VALID);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("next free /22: 10.64.4.0/22");
  });

  it("prints JSON with --format json", async () => {
    const r = await cli("ipam", "sjaelland", "--config-dir", VALID, "--format", "json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { unit: string; supernet: string; prefixLength: number; proposal: string; rows: { label: string; kind: string }[] };
    expect(json).toMatchObject({ unit: "sjaelland", supernet: "10.72.0.0/14", prefixLength: 20, proposal: "10.72.48.0/20" });
    expect(json.rows.filter((r) => r.kind !== "free").map((r) => r.label)).toEqual(["hub", "330 Slagelse", "340 Sorø"]);
  });

  it("exits 1 when no block of the size is free", async () => {
    const r = await cli("ipam", "nord", "--prefix-length", "14", "--config-dir", VALID);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("no free /14 left in 10.64.0.0/14");
  });

  it("still works on a dir with errors elsewhere, and says so", async () => {
    const r = await cli("ipam", "sjaelland", "--config-dir", INVALID);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("next free /20: 10.72.48.0/20");
    expect(r.stderr).toContain("the config dir has 4 errors; run `driftsenhed validate");
  });

  it("names the errors when the unit itself cannot be read", async () => {
    const r = await cli("ipam", "nord", "--config-dir", join(__dirname, "..", "..", "fixtures", "config", "nowhere"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("does not exist");
    expect(r.stderr).toContain("unit 'nord' cannot be read");
  });
});

describe("more commands in-process", () => {
  it("prints the same findings as JSON with --format json", async () => {
    const r = await cli("validate", "--config-dir", INVALID_REL, "--format", "json", "--today", "2026-06-01");
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout) as { valid: boolean; errors: number; warnings: number; findings: { file: string; line: number; column: number; path: string; rule: string; severity: string; message: string }[] };
    expect(json).toMatchObject({ valid: false, errors: 4, warnings: 0 });
    expect(json.findings.map((f) => [f.file.split("/").slice(-1)[0], f.path, f.rule])).toEqual([
      ["851-aalborg.yaml", "network.sites.0.prefixes.0", "site-overlap"],
      ["unit.yaml", "id", "unit-id"],
      ["330-slagelse.yaml", "", "yaml"],
      ["340-soroe.yaml", "name", "registry-name"],
    ]);
    expect(json.findings[3]).toMatchObject({ line: 3, column: 7, severity: "error", value: "Soro" });
  });

  it("reports a missing config dir without a stack trace", async () => {
    const r = await cli("validate", "--config-dir", NOWHERE);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("does not exist");
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });

  it.each([[["ipam", "fyn", "--config-dir", VALID], "known units: nord, sjaelland"]])("rejects %j with exit 2", async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  });

  it("prints usage and exits 2 without a command", async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Usage: driftsenhed");
    expect(r.stderr).toContain("validate");
  });
});

describe("plan of a configuration a component rejects", () => {
  // The schema accepts any private ASN; Azure (and HubVpnGateway) refuse 65517-65520.
  it("exits 2, not 70, and prints the component's findings without a stack trace", async () => {
    const dir = freshCopy();
    try {
      applyEdits(dir, [{ file: "nord/unit.yaml", set: [[["hub", "vpnGateway"], { mode: "enabled", bgpAsn: 65517 }]] }]);
      const r = await cli("plan", "nord", "--config-dir", dir, "--jobs", "1");
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(/driftsenhed:network:HubVpnGateway \S+ {2}settings\.bgpAsn {2}65517 is not a private ASN/);
      expect(r.stderr).not.toContain("fault in driftsenhed");
      expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    } finally {
      cleanup();
    }
  }, 180_000);
});
