/** An overloaded, tagged function (the tag is on the first signature). */

/** @traced spanType=PARSER */
export function format(value: number, digits?: number): string;
export function format(value: Date): string;
export function format(value: number | Date, digits = 2): string {
  return typeof value === "number" ? value.toFixed(digits) : value.toISOString().slice(0, 10);
}
