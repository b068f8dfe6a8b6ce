"""A real MCP client (the official Python SDK) for `vibeguard mcp`.

usage: mcp_client.py VIBEGUARD PROJECT_DIR CALLS_JSON
CALLS_JSON is a list of {"label", "tool", "args"}; prints one JSON object with the server's
name, its tool list (name -> input schema) and each call's result (isError, text).
"""
import asyncio
import json
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def main(vibeguard, project, calls):
    params = StdioServerParameters(command=vibeguard, args=["mcp", "--dir", project], cwd=project)
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            listed = await session.list_tools()
            out = {
                "server": init.serverInfo.name,
                "version": init.serverInfo.version,
                "tools": {t.name: t.inputSchema for t in listed.tools},
                "calls": {},
            }
            for call in calls:
                result = await session.call_tool(call["tool"], call["args"])
                text = "\n".join(c.text for c in result.content if c.type == "text")
                out["calls"][call["label"]] = {"isError": bool(result.isError), "text": text}
            print(json.dumps(out))


asyncio.run(main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3])))
