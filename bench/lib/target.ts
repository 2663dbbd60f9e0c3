// One line of the report's targets: what must hold, what was measured, the ratio.
export interface Target {
  name: string;
  /** What must hold, in words. */
  goal: string;
  measured: string | undefined;
  ratio: number | undefined;
  pass: boolean | undefined;
}
