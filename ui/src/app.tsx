/** The app shell: header with the theme switch, and the page for the current URL. */
import { useState } from "preact/hooks";
import { applyTheme, loadTheme, nextTheme, type ThemeChoice } from "./lib/theme";
import { matchRoute, navigate, useLocation } from "./lib/router";
import { TraceDetailPage } from "./pages/trace-detail-page";
import { TraceListPage } from "./pages/trace-list-page";
import { SessionPage } from "./pages/session-page";
import { SessionsPage } from "./pages/sessions-page";
import { OverviewPage } from "./pages/overview-page";

export function App() {
  const location = useLocation();
  const route = matchRoute(location.path);
  const [theme, setTheme] = useState<ThemeChoice>(loadTheme);
  return (
    <div class="app">
      <header class="app-header">
        <a
          href="/"
          class="brand"
          onClick={(event) => {
            event.preventDefault();
            navigate("/");
          }}
        >
          traced
        </a>
        <span class="muted">traces</span>
        <a
          href="/sessions"
          class={`nav-link${route.page === "sessions" || route.page === "session" ? " active" : ""}`}
          aria-current={route.page === "sessions" ? "page" : undefined}
          onClick={(event) => {
            event.preventDefault();
            navigate("/sessions");
          }}
        >
          Sessions
        </a>
        <a
          href="/overview"
          class={`nav-link${route.page === "overview" ? " active" : ""}`}
          aria-current={route.page === "overview" ? "page" : undefined}
          onClick={(event) => {
            event.preventDefault();
            navigate("/overview");
          }}
        >
          Overview
        </a>
        <span class="spacer" />
        <button
          type="button"
          class="secondary theme-toggle"
          aria-label="switch colour theme"
          onClick={() => {
            const next = nextTheme(theme);
            applyTheme(next);
            setTheme(next);
          }}
        >
          Theme: {theme}
        </button>
      </header>
      {route.page === "overview" ? (
        <OverviewPage location={location} />
      ) : route.page === "sessions" ? (
        <SessionsPage location={location} />
      ) : route.page === "session" ? (
        <SessionPage key={route.sessionId} sessionId={route.sessionId} />
      ) : route.page === "trace" ? (
        <TraceDetailPage key={route.traceId} traceId={route.traceId} spanId={route.spanId} />
      ) : (
        <TraceListPage location={location} />
      )}
    </div>
  );
}
