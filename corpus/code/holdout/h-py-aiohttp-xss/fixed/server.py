import html
from aiohttp import web


async def hello(request):
    name = request.query.get("name", "anon")
    return web.Response(text=f"<h1>{html.escape(name)}</h1>", content_type="text/html")


app = web.Application()
app.router.add_get("/", hello)
