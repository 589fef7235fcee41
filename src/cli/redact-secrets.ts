/**
 * The last guard before a message reaches the terminal: the tracking server's credentials
 * (MLFLOW_TRACKING_TOKEN, the password, their basic-auth form, a user:password@ in a URL)
 * are blanked wherever a lower layer might have quoted them.
 */
import { trackingAuthHeaders } from "../export/mlflow/mlflow-settings.js";

const HIDDEN = "***";

export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const secrets = [env.MLFLOW_TRACKING_TOKEN, env.MLFLOW_TRACKING_PASSWORD, trackingAuthHeaders(env).Authorization?.replace(/^\S+ /, "")];
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s"']*@/gi, "$1");
  // Longest first, so a secret that contains another is blanked whole.
  for (const secret of secrets.filter((s): s is string => typeof s === "string" && s.length >= 4).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(HIDDEN);
  }
  return out;
}
