/** Connection snippets for desktop assistants: the MCP endpoint over HTTP (with an API key header) and `crm mcp`
 * over stdio. Placeholders stay visible: the console never shows or stores a key. */

export const KEY_PLACEHOLDER = "crm_your_api_key";

export function mcpUrl(origin: string): string {
  return `${origin.replace(/\/+$/, "")}/api/mcp`;
}

/** The JSON most desktop assistants take for a remote MCP server with a header (Claude Code's .mcp.json, Cursor,
 * VS Code and others). */
export function httpConfig(url: string): string {
  return JSON.stringify({
    mcpServers: { crm: { type: "http", url, headers: { "X-API-Key": KEY_PLACEHOLDER } } },
  }, null, 2);
}

export function httpCommand(url: string): string {
  return `claude mcp add --transport http crm ${url} --header "X-API-Key: ${KEY_PLACEHOLDER}"`;
}

/** A desktop assistant that starts `crm mcp` itself and talks to it over stdin and stdout. */
export function stdioConfig(projectId: string): string {
  return JSON.stringify({
    mcpServers: {
      crm: {
        command: "/path/to/crm/.venv/bin/crm",
        args: ["mcp"],
        env: { CRM_API_KEY: KEY_PLACEHOLDER, GOOGLE_CLOUD_PROJECT: projectId },
      },
    },
  }, null, 2);
}
