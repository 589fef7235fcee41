/** A trace or assessment id that is not in the store. */
export class TraceNotFoundError extends Error {
  override name = "TraceNotFoundError";

  constructor(
    readonly id: string,
    what = "Trace",
  ) {
    super(`${what} ${JSON.stringify(id)} not found`);
  }
}
