/**
 * The filter input (MLflow's search grammar). A rejected filter is shown under the box with
 * the offending part marked at the position the server reported.
 */
import { useEffect, useState } from "preact/hooks";
import { type ApiErrorDetails } from "../lib/api";

export interface FilterBoxProps {
  value: string;
  error: ApiErrorDetails | null;
  onSubmit: (filter: string) => void;
}

function ErrorAt({ filter, error }: { filter: string; error: ApiErrorDetails }) {
  const position = Math.max(0, Math.min(error.position ?? 0, filter.length));
  const length = Math.max(1, error.token?.length ?? 1);
  return (
    <div class="filter-error" role="alert">
      <div class="filter-error-message">{error.message}</div>
      {error.position !== undefined && (
        <div class="filter-error-source mono" aria-label={`error at position ${position}`}>
          {filter.slice(0, position)}
          <mark class="filter-error-mark">{filter.slice(position, position + length) || " "}</mark>
          {filter.slice(position + length)}
        </div>
      )}
    </div>
  );
}

export function FilterBox({ value, error, onSubmit }: FilterBoxProps) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <div class="filter-box">
      <form
        class="filter-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(text.trim());
        }}
      >
        <input
          class={`filter-input mono${error ? " invalid" : ""}`}
          aria-label="filter"
          aria-invalid={error ? true : undefined}
          placeholder={"e.g. trace.status = 'ERROR' AND span.type = 'LLM' AND tag.env = 'prod'"}
          value={text}
          spellcheck={false}
          onInput={(event) => setText((event.target as HTMLInputElement).value)}
        />
        <button type="submit">Search</button>
        {value && (
          <button type="button" class="secondary" onClick={() => onSubmit("")}>
            Clear
          </button>
        )}
      </form>
      {error && error.kind === "filter" && <ErrorAt filter={value} error={error} />}
      {error && error.kind !== "filter" && (
        <div class="filter-error" role="alert">
          <div class="filter-error-message">{error.message}</div>
        </div>
      )}
    </div>
  );
}
