"""The MCP server over the assistant tools (crm.services.assistants), and its two transports: streamable HTTP inside
the function (``http_exchange``) and stdio for desktop assistants (``stdio``). Its modules load the MCP SDK, so the
function imports them only when /mcp is called."""
