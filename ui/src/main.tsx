import { render } from "preact";
import { App } from "./app";
import { applyTheme, loadTheme } from "./lib/theme";
import "./styles.css";
import "./chat.css";

applyTheme(loadTheme());
render(<App />, document.getElementById("app")!);
