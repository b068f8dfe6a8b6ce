import sqlite3
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def tags(request):
    tag = request.query_params["tag"]
    rows = sqlite3.connect("db.sqlite").execute(f"SELECT slug FROM posts WHERE tag='{tag}'").fetchall()
    return JSONResponse([r[0] for r in rows])


app = Starlette(routes=[Route("/tags", tags)])
