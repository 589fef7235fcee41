/** `traced sessions list|show`: conversations, grouped by mlflow.trace.session. */
import { type Command } from "commander";
import { registerSessionsList } from "./sessions-list.js";
import { registerSessionsShow } from "./sessions-show.js";

export function registerSessions(program: Command): void {
  const sessions = program
    .command("sessions")
    .description("list sessions and show one as its conversation, turn by turn")
    .addHelpText(
      "after",
      `
Examples:
  traced sessions list
  traced sessions list --order-by "cost DESC" --filter "metadata.\`mlflow.trace.user\` = 'alice'"
  traced sessions show chat-42`,
    );
  registerSessionsList(sessions);
  registerSessionsShow(sessions);
}
