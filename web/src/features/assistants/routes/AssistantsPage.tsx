import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { useAccess } from "@/auth/session";
import { EmptyState, ErrorState, Spinner } from "@/components/States";
import { runtimeConfig } from "@/config/firebase";
import { useAssistantTools, type AssistantTools } from "../api";
import { httpCommand, httpConfig, mcpUrl, stdioConfig } from "../logic/snippets";
import "./assistants.css";

const KEY_COMMAND = '.venv/bin/crm api-key create --name "Maria\'s assistant" --role rep';

export default function AssistantsPage() {
  const { t } = useTranslation();
  const me = useAccess();
  if (!me.can("admin")) return <Navigate to="/customers" replace />;
  const url = mcpUrl(window.location.origin);
  return (
    <div className="page narrow assistants">
      <h1>{t("assistants.title")}</h1>
      <p>{t("assistants.intro")}</p>
      <section aria-labelledby="mcp-url">
        <h2 id="mcp-url">{t("assistants.urlHeading")}</h2>
        <p className="muted">{t("assistants.urlHelp")}</p>
        <CopyBlock label={t("assistants.urlLabel")} text={url} />
      </section>
      <section aria-labelledby="mcp-keys">
        <h2 id="mcp-keys">{t("assistants.keyHeading")}</h2>
        <p className="muted">{t("assistants.keyHelp")}</p>
        <CopyBlock label={t("assistants.keyCommand")} text={KEY_COMMAND} />
      </section>
      <section aria-labelledby="mcp-http">
        <h2 id="mcp-http">{t("assistants.httpHeading")}</h2>
        <p className="muted">{t("assistants.httpHelp")}</p>
        <CopyBlock label={t("assistants.httpConfig")} text={httpConfig(url)} />
        <CopyBlock label={t("assistants.httpCommand")} text={httpCommand(url)} />
      </section>
      <section aria-labelledby="mcp-stdio">
        <h2 id="mcp-stdio">{t("assistants.stdioHeading")}</h2>
        <p className="muted">{t("assistants.stdioHelp")}</p>
        <CopyBlock label={t("assistants.stdioConfig")} text={stdioConfig(runtimeConfig().projectId)} />
      </section>
      <ToolList />
    </div>
  );
}

function CopyBlock({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <figure className="copy-block">
      <figcaption>
        <span>{label}</span>
        <button type="button" onClick={() => void copy()} aria-label={t("assistants.copyLabel", { what: label })}>
          {t("assistants.copy")}
        </button>
        <span role="status" aria-live="polite" className={state === "failed" ? "error-text" : "muted"}>
          {state === "copied" ? t("assistants.copied") : state === "failed" ? t("assistants.copyFailed") : ""}
        </span>
      </figcaption>
      <pre tabIndex={0} aria-label={label}><code>{text}</code></pre>
    </figure>
  );
}

function ToolList() {
  const { t } = useTranslation();
  const tools = useAssistantTools();
  return (
    <section aria-labelledby="mcp-tools">
      <h2 id="mcp-tools">{t("assistants.toolsHeading")}</h2>
      {tools.isPending ? <Spinner label={t("assistants.loading")} />
        : tools.isError ? <ErrorState error={tools.error} onRetry={() => void tools.refetch()} />
          : <ToolTable list={tools.data} />}
    </section>
  );
}

function ToolTable({ list }: { list: AssistantTools }) {
  const { t } = useTranslation();
  if (list.tools.length === 0) return <EmptyState>{t("assistants.empty")}</EmptyState>;
  return (
    <>
      <p className="muted">{t("assistants.toolsHelp", { count: list.tools.length })}</p>
      <div className="tool-table-wrap">
        <table className="tool-table">
          <caption className="visually-hidden">{t("assistants.toolsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("assistants.column.tool")}</th>
              <th scope="col">{t("assistants.column.access")}</th>
              <th scope="col">{t("assistants.column.description")}</th>
            </tr>
          </thead>
          <tbody>
            {list.tools.map((tool) => (
              <tr key={tool.name}>
                <th scope="row"><span>{tool.title}</span><br /><code>{tool.name}</code></th>
                <td><span className={`access-badge access-${tool.access}`}>{t(`assistants.access.${tool.access}`)}</span></td>
                <td>{tool.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t("assistants.resourcesHeading")}</h3>
      <p className="muted">{t("assistants.resourcesHelp")}</p>
      <ul>
        {list.resources.map((resource) => (
          <li key={resource.uri_template}><code>{resource.uri_template}</code>: {resource.description}</li>
        ))}
      </ul>
    </>
  );
}
