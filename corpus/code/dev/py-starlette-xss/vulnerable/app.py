import html
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route


async def welcome(request):
    name = request.query_params.get("name", "friend")
    return HTMLResponse(f"<p>Welcome, {name}</p>")


app = Starlette(routes=[Route("/welcome", welcome)])
