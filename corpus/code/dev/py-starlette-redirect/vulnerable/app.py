from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Route


async def logout(request):
    request.session.clear()
    return RedirectResponse(request.query_params.get("return_to", "/"))


app = Starlette(routes=[Route("/logout", logout)])
