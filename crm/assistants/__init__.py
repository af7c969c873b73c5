"""The MCP server over the assistant tools (crm.services.assistants), and its two transports: streamable HTTP inside
the function (``http_exchange``) and stdio for desktop assistants (``stdio``). Importing this package loads the MCP
SDK: the function imports it only when /mcp is called."""
