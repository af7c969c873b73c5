import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { BUNDLED_TEXTS } from "./app/features";
import { initFirebase } from "./config/firebase";
import { loadRuntimeConfig } from "./config/runtime";
import { initI18n } from "./i18n";
import "./styles.css";

async function start() {
  const root = document.getElementById("root")!;
  try {
    const [config] = await Promise.all([loadRuntimeConfig(), initI18n(BUNDLED_TEXTS)]);
    initFirebase(config);
  } catch (error) {
    root.textContent = error instanceof Error ? error.message : String(error);
    return;
  }
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
