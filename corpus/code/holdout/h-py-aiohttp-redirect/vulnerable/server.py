from aiohttp import web


async def go(request):
    target = request.query.get("to", "/")
    raise web.HTTPFound(target)


app = web.Application()
app.router.add_get("/go", go)
