import { TracedUsageError } from "../config/errors.js";

/** A filter string that cannot be used, with the 0-based position and the token at fault. */
export class FilterError extends TracedUsageError {
  override name = "FilterError";

  constructor(
    message: string,
    readonly filter: string,
    readonly position: number,
    readonly token: string,
  ) {
    super(`${message} at position ${position}${token ? ` (near ${JSON.stringify(token)})` : " (at the end of the filter)"}\n  ${filter}\n  ${" ".repeat(position)}^`);
  }
}
