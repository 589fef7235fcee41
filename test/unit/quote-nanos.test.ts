/** quoteNanos: the bare nanosecond integers of MLflow's JSON quoted (so JSON.parse keeps them exact), nothing else touched. */
import { describe, expect, it } from "vitest";
import { quoteNanos } from "../../src/query/remote/quote-nanos.js";

describe("quoteNanos", () => {
  it("quotes the three snake_case and camelCase time keys, with any spacing, keeping big values exact", () => {
    const text = '{"start_time_unix_nano": 1700000000123456789,"end_time_unix_nano":-5 ,"events":[{ "time_unix_nano" :\n17 }],"startTimeUnixNano":1,"endTimeUnixNano":2,"timeUnixNano":3}';
    const parsed = JSON.parse(quoteNanos(text));
    expect(parsed).toEqual({
      start_time_unix_nano: "1700000000123456789",
      end_time_unix_nano: "-5",
      events: [{ time_unix_nano: "17" }],
      startTimeUnixNano: "1",
      endTimeUnixNano: "2",
      timeUnixNano: "3",
    });
    expect(BigInt(parsed.start_time_unix_nano)).toBe(1700000000123456789n);
  });

  it("leaves strings, nulls, other keys and user text alone", () => {
    const cases = [
      '{"start_time_unix_nano":"123"}',
      '{"end_time_unix_nano":null}',
      '{"my_start_time_unix_nano":12}',
      '{"a":"x\\"start_time_unix_nano\\": 12"}',
      '{"x\\"time_unix_nano":12}',
      '{"note":"time_unix_nano"}',
      '["time_unix_nano", 5]',
      "{}",
    ];
    for (const text of cases) expect(quoteNanos(text)).toBe(text);
  });
});
