import aiohttp
from aiohttp import web

STATUS_URL = "https://status.example.com/api/summary"


async def proxy_status(request):
    target = request.query.get("url")
    async with aiohttp.ClientSession() as session:
        async with session.get(target) as resp:
            return web.json_response(await resp.json())


app = web.Application()
app.router.add_get("/status", proxy_status)
