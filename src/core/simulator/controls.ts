// What every API's simulator offers the same way: its clock option and durations read with one
// set of checks, and the controls of its time and its faults.
import type { Clock } from "./clock.js";
import { drive, type RunOptions, type Traffic } from "./drive.js";
import type { Faults } from "./faults.js";
import type { Fault, FaultOptions, FaultTarget } from "./types.js";

/** @internal */
export type ClockMode = "real" | "manual";

/** @internal The clock a simulator's options ask for: the wall clock (`real`, the default) or `manual`. */
export function readClockMode(caller: string, value: unknown): ClockMode {
  if (value !== undefined && value !== "real" && value !== "manual") throw new RangeError(`${caller}: clock must be "real" or "manual"`);
  return value ?? "real";
}

/** @internal A duration option in milliseconds (or seconds), `fallback` when omitted. */
export function readDuration(caller: string, name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new RangeError(`${caller}: ${name} must be a finite number >= 0`);
  return value;
}

/** @internal A simulator's controls of its time and its faults, documented by each API's simulator type. */
export interface SimulatorControls {
  advance(ms: number): Promise<void>;
  settle(): Promise<void>;
  run<T>(work: PromiseLike<T>, options?: RunOptions): Promise<T>;
  fault(target: FaultTarget, fault: Fault, options?: FaultOptions): void;
  clearFaults(): void;
}

/** @internal */
export function simulatorControls(clock: Clock, traffic: Traffic, faults: Faults): SimulatorControls {
  return {
    advance: (ms) => clock.advance(ms),
    settle: () => clock.settle(),
    run: (work, options) => drive(clock, traffic, work, options, "sim.run"),
    fault: (target, fault, options) => faults.add(target, fault, options),
    clearFaults: () => faults.clear(),
  };
}
