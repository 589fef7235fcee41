/** How session numbers read: a sum over only some turns says how many it covers. */
import { formatCost, formatCount } from "../lib/format";
import { type SessionSummary } from "../lib/sessions-api";

function partOf(text: string, counted: number, turns: number): string {
  return counted > 0 && counted < turns ? `${text} (${counted} of ${turns} turns)` : text;
}

export function sessionTokens(s: SessionSummary): string {
  return s.totalTokens === null ? "—" : partOf(formatCount(s.totalTokens), s.turnsWithTokens, s.turns);
}

export function sessionCost(s: SessionSummary): string {
  return s.cost === null ? "—" : partOf(formatCost(s.cost), s.turnsWithCost, s.turns);
}

export function sessionUser(s: SessionSummary): string {
  if (s.user === null) return "—";
  return s.users > 1 ? `${s.user} +${s.users - 1}` : s.user;
}
