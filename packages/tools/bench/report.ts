/**
 * The benchmark's figures and their one table. The JSON written by
 * `npm run bench -- --json FILE` is `BenchFigures` as is.
 */

export interface SeriesPoint {
  label: string;
  resources: number;
  stacks: number;
  wallSeconds: number;
  /** Largest peak RSS of any one process. */
  peakRssMb: number;
  msPerResource: number;
  /** Time inside the stack programs only (summed over workers), per resource: registration cost without process start-up. */
  programMsPerResource: number;
}

export interface BenchFigures {
  cores: number;
  node: string;
  units: number;
  municipalities: number;
  workloads: number;
  resources: number;
  wallSeconds: number;
  peakRssMb: number;
  resourcesPerSecond: number;
  floorSeconds: number;
  floorPeakRssMb: number;
  /** Plan wall time over floor wall time. */
  floorRatio: number;
  naive: SeriesPoint & { unit: string; error?: string };
  series: SeriesPoint[];
}

/** The targets of a 2-core machine. */
export const TARGETS = { wallSeconds: 60, peakRssMb: 2048, floorRatio: 1.5 } as const;

const number = new Intl.NumberFormat("en-GB");

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.map((c) => (typeof c === "number" ? number.format(c) : c)).join(" | ")} |`;
}

function perSecond(resources: number, seconds: number): number {
  return seconds > 0 ? Math.round(resources / seconds) : 0;
}

export function renderBenchTable(f: BenchFigures): string {
  const header = ["run", "resources", "wall s", "peak RSS MB (largest process)", "resources/s", "ms per resource", "program ms per resource"];
  const lines = [
    `driftsenhed plan benchmark: ${f.units} units, ${f.municipalities} municipalities, ${number.format(f.workloads)} workloads; ${f.cores} cores, Node ${f.node}`,
    "",
    row(header),
    `|${header.map(() => "---").join("|")}|`,
    row(["national plan", f.resources, f.wallSeconds.toFixed(1), f.peakRssMb, f.resourcesPerSecond, ((f.wallSeconds * 1000) / f.resources).toFixed(2), f.series.at(-1)?.programMsPerResource.toFixed(2) ?? ""]),
    row(["floor: same registrations via the SDK", f.resources, f.floorSeconds.toFixed(1), f.floorPeakRssMb, perSecond(f.resources, f.floorSeconds), ((f.floorSeconds * 1000) / f.resources).toFixed(2), ""]),
    row([`plan / floor`, "", `${f.floorRatio.toFixed(2)}×`, "", "", "", ""]),
    f.naive.error
      ? row([`naive: ${f.naive.unit}, no alias stripping`, "", "failed", "", "", "", f.naive.error])
      : row([
          `naive: ${f.naive.unit}, no alias stripping`,
          f.naive.resources,
          f.naive.wallSeconds.toFixed(1),
          f.naive.peakRssMb,
          perSecond(f.naive.resources, f.naive.wallSeconds),
          f.naive.msPerResource.toFixed(2),
          f.naive.programMsPerResource.toFixed(2),
        ]),
    ...f.series.map((p) =>
      row([`series: ${p.label} (${p.stacks} stacks)`, p.resources, p.wallSeconds.toFixed(1), p.peakRssMb, perSecond(p.resources, p.wallSeconds), p.msPerResource.toFixed(2), p.programMsPerResource.toFixed(2)]),
    ),
    "",
  ];
  const first = f.series[0];
  const last = f.series.at(-1);
  const growth = first && last && first.programMsPerResource > 0 ? last.programMsPerResource / first.programMsPerResource : undefined;
  const check = (ok: boolean) => (ok ? "met" : "NOT met");
  lines.push(
    `targets (2 cores): national plan within ${TARGETS.wallSeconds} s: ${check(f.wallSeconds <= TARGETS.wallSeconds)}; ` +
      `within ${TARGETS.peakRssMb / 1024} GB per process: ${check(f.peakRssMb <= TARGETS.peakRssMb)}; ` +
      `within ${TARGETS.floorRatio}× of the floor: ${check(f.floorRatio <= TARGETS.floorRatio)}; ` +
      `program time per resource ${first?.label ?? "?"} → ${last?.label ?? "?"}: ${growth === undefined ? "n/a" : `${growth.toFixed(2)}×`}`,
    "",
  );
  return lines.join("\n");
}
