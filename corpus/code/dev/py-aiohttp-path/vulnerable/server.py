from pathlib import Path
from aiohttp import web

ROOT = Path("/srv/exports").resolve()


async def export(request):
    name = request.match_info["name"]
    path = ROOT / name
    return web.FileResponse(path)


app = web.Application()
app.router.add_get("/exports/{name}", export)
