import { describe, expect, it } from "vitest";
import { httpCommand, httpConfig, KEY_PLACEHOLDER, mcpUrl, stdioConfig } from "./snippets";

describe("connection snippets", () => {
  it("put the MCP endpoint under the console's origin", () => {
    expect(mcpUrl("https://crm.example.com")).toBe("https://crm.example.com/api/mcp");
    expect(mcpUrl("http://127.0.0.1:8080/")).toBe("http://127.0.0.1:8080/api/mcp");
  });

  it("give the HTTP transport its URL and the key's header", () => {
    const config = JSON.parse(httpConfig("https://crm.example.com/api/mcp"));
    expect(config.mcpServers.crm).toEqual({
      type: "http", url: "https://crm.example.com/api/mcp", headers: { "X-API-Key": KEY_PLACEHOLDER },
    });
    expect(httpCommand("https://x/api/mcp")).toContain(`--header "X-API-Key: ${KEY_PLACEHOLDER}"`);
  });

  it("start crm mcp with the key and the project in its environment", () => {
    const server = JSON.parse(stdioConfig("acme-crm")).mcpServers.crm;
    expect(server.args).toEqual(["mcp"]);
    expect(server.env).toEqual({ CRM_API_KEY: KEY_PLACEHOLDER, GOOGLE_CLOUD_PROJECT: "acme-crm" });
  });
});
