import asyncio
from aiohttp import web


async def whois(request):
    domain = request.query["domain"]
    proc = await asyncio.create_subprocess_exec("whois", "--", domain, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    return web.Response(text=out.decode())


app = web.Application()
app.router.add_get("/whois", whois)
