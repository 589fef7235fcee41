/** The Overview's rankings: per group key, its top values by cost, latency and errors, as tables whose rows open the trace list. */
import { useState } from "preact/hooks";
import { formatCost, formatCount, formatDuration } from "../lib/format";
import { type SummaryGroup, type SummaryGroupRow } from "./overview-api";

const TITLES: Record<string, string> = { model: "Models", "span.name": "Span names" };
type Ranking = "byCost" | "byLatency" | "byErrors";
const RANKINGS: { key: Ranking; label: string }[] = [
  { key: "byCost", label: "by cost" },
  { key: "byLatency", label: "by latency" },
  { key: "byErrors", label: "by errors" },
];

function titleOf(key: string): string {
  return TITLES[key] ?? `Tag ${key.replace(/^tag\./, "").replace(/^metadata\./, "metadata ")}`;
}

export function OverviewGroups({ groups, onOpen }: { groups: SummaryGroup[]; onOpen: (groupKey: string, value: string) => void }) {
  return (
    <div class="overview-groups">
      {groups.map((group) => (
        <GroupTable key={group.key} group={group} onOpen={onOpen} />
      ))}
    </div>
  );
}

function GroupTable({ group, onOpen }: { group: SummaryGroup; onOpen: (groupKey: string, value: string) => void }) {
  const [ranking, setRanking] = useState<Ranking>("byCost");
  const rows: SummaryGroupRow[] = group[ranking];
  const id = `group-${group.key.replace(/[^A-Za-z0-9]+/g, "-")}`;
  return (
    <section class="overview-group" data-group={group.key} aria-labelledby={`${id}-title`}>
      <div class="overview-group-head">
        <h3 id={`${id}-title`}>{titleOf(group.key)}</h3>
        <div class="segmented" role="group" aria-label={`rank ${titleOf(group.key)}`}>
          {RANKINGS.map((r) => (
            <button type="button" class={ranking === r.key ? "active" : "secondary"} aria-pressed={ranking === r.key} onClick={() => setRanking(r.key)}>
              {r.label}
            </button>
          ))}
        </div>
      </div>
      {group.unavailable ? (
        <p class="muted empty-group group-unavailable">{group.unavailable}</p>
      ) : rows.length === 0 ? (
        <p class="muted empty-group">{group.distinct === 0 ? "None in this range." : `None ${RANKINGS.find((r) => r.key === ranking)!.label.replace("by ", "with ")}.`}</p>
      ) : (
        <table class="overview-table">
          <thead>
            <tr>
              <th scope="col">{group.key === "model" ? "Model" : group.key === "span.name" ? "Span name" : "Value"}</th>
              <th scope="col" class="num">{group.unit === "spans" ? "Spans" : "Traces"}</th>
              <th scope="col" class="num">Errors</th>
              <th scope="col" class="num">Avg latency</th>
              <th scope="col" class="num">Tokens</th>
              <th scope="col" class="num">Cost</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr data-value={row.value}>
                <td>
                  <a
                    href="#"
                    class="group-value"
                    title={row.value}
                    onClick={(event) => {
                      event.preventDefault();
                      onOpen(group.key, row.value);
                    }}
                  >
                    {row.value === "" ? "(empty)" : row.value}
                  </a>
                </td>
                <td class="num" data-field="count">{formatCount(row.count)}</td>
                <td class="num" data-field="errors">{formatCount(row.errors)}</td>
                <td class="num" data-field="latency">{formatDuration(row.avgLatencyMs)}</td>
                <td class="num" data-field="tokens">{formatCount(row.inputTokens + row.outputTokens)}</td>
                <td class="num" data-field="cost">{row.priced ? formatCost(row.cost) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
