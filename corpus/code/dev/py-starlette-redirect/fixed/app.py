from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Route

SAFE_TARGETS = {"/", "/login", "/goodbye"}


async def logout(request):
    request.session.clear()
    target = request.query_params.get("return_to", "/")
    if target not in SAFE_TARGETS:
        target = "/"
    return RedirectResponse(target)


app = Starlette(routes=[Route("/logout", logout)])
