import os
from starlette.applications import Starlette
from starlette.responses import FileResponse
from starlette.routing import Route

DOCS = "/srv/docs"


async def doc(request):
    page = request.path_params["page"]
    return FileResponse(os.path.join(DOCS, page))


app = Starlette(routes=[Route("/docs/{page}", doc)])
